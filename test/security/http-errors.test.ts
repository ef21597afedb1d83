import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-server/index.js';
import { type TestHost, startTestHost } from '../support/host-fixture.js';
import { tempDir } from '../support/temp-dir.js';

describe('malformed requests and internal errors', () => {
  let test: TestHost | undefined;
  let ui: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await test?.stop();
    ui?.remove();
  });

  it('forbids framing the UI by another page (clickjacking)', async () => {
    ui = tempDir('hubdeck-ui-');
    writeFileSync(join(ui.path, 'index.html'), '<!doctype html><title>Hubdeck</title>');
    test = await startTestHost({ uiDir: ui.path });
    const res = await fetch(`${test.host.url}/`);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers a malformed URL with 400 and logs nothing, on the UI and on the hub', async () => {
    ui = tempDir('hubdeck-ui-');
    writeFileSync(join(ui.path, 'index.html'), '<!doctype html><title>Hubdeck</title>');
    const logs: string[] = [];
    test = await startTestHost({ uiDir: ui.path, logger: createLogger('debug', (line) => logs.push(line)) });
    for (const path of ['/%', '/assets/%E0%A4%A', '/hubs/dashboard/negotiate%']) {
      const res = await fetch(`${test.host.url}${path}`);
      expect(res.status, path).toBeLessThan(500);
    }
    const bad = await fetch(`${test.host.url}/%`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('The address is not a valid URL.');
    expect(logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    expect((await fetch(`${test.host.url}/`)).status).toBe(200);
  });
});
