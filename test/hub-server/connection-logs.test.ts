import { afterEach, describe, expect, it } from 'vitest';
import { Hub, createLogger } from '../../src-server/index.js';
import { type RunningServer, connect, startServer, waitUntil } from '../support/hub-fixture.js';

class FragileHub extends Hub {
  break(): never {
    throw new Error('the disk is on fire');
  }
}

describe('logs about a connection', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('carry the hub, connection id, user id and method on every line', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    running = await startServer((s) => s.mapHub('/fragile', FragileHub, { authenticate: () => ({ id: 'ada' }) }), { logger });
    const client = await connect(`${running.url}/fragile`);
    await expect(client.invoke('break')).rejects.toThrow("An unexpected error occurred invoking 'break' on the server.");
    await waitUntil(() => lines.some((l) => l.message === 'hub method failed'), 'the failure is logged');
    const failure = lines.find((l) => l.message === 'hub method failed')!;
    expect(failure).toMatchObject({ level: 'warn', hub: '/fragile', connectionId: client.connectionId, userId: 'ada', method: 'break' });
    expect((failure.error as { message: string }).message).toBe('the disk is on fire');
    await client.stop();
  });
});
