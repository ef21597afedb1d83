import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScript } from '../support/script-process.js';

describe('shutdown signals', () => {
  it('starts a graceful shutdown on the first SIGTERM and exits at once on the second', async () => {
    const child = await startScript(join(import.meta.dirname, 'fixtures', 'slow-shutdown.ts'), { cwd: import.meta.dirname, ready: /(ready)/ });
    child.child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    while (!child.output().includes('draining after SIGTERM')) {
      if (Date.now() > deadline) throw new Error(`No graceful shutdown began:\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.child.kill('SIGTERM');
    // 128 + 15: killed by the operator's insistence, not a clean exit.
    expect(await child.exited).toBe(143);
  });
});
