import { afterEach, describe, expect, it } from 'vitest';
import { Hub, defaultHubOptions } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, closed, connect, delay, startServer, waitUntil } from '../support/hub-fixture.js';

class GateHub extends Hub {
  constructor(private readonly gate: { open?: () => void; log: string[] }) {
    super();
  }
  async wait(label: string): Promise<string> {
    this.gate.log.push(`start:${label}`);
    await new Promise<void>((resolve) => (this.gate.open = resolve));
    this.gate.log.push(`end:${label}`);
    return label;
  }
  quick(label: string): string {
    this.gate.log.push(`quick:${label}`);
    return label;
  }
  echo(text: string): number {
    return text.length;
  }
  async ask(): Promise<unknown> {
    return this.clients.caller.invoke('answer', 'question');
  }
}

describe('hub options', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('uses ASP.NET Core\'s defaults', () => {
    expect(defaultHubOptions).toMatchObject({
      keepAliveInterval: 15_000,
      clientTimeoutInterval: 30_000,
      handshakeTimeout: 15_000,
      maximumReceiveMessageSize: 32_768,
      maximumParallelInvocationsPerClient: 1,
      enableDetailedErrors: false,
      streamBufferCapacity: 10,
    });
  });

  it('refuses option values that cannot work', async () => {
    const { createHubServer } = await import('../../src-server/index.js');
    expect(() => createHubServer({ hubOptions: { keepAliveInterval: 0 } })).toThrow("Hub option 'keepAliveInterval' must be a positive number, got 0.");
    expect(() => createHubServer({ logLevel: 'silent' }).mapHub('/x', GateHub, { options: { maximumReceiveMessageSize: -1 } })).toThrow(
      "Hub option 'maximumReceiveMessageSize' must be positive or null, got -1.",
    );
  });

  it('sends Pings when the connection is otherwise quiet', async () => {
    running = await startServer((s) => s.mapHub('/gate', GateHub, { services: { log: [] }, options: { keepAliveInterval: 100 } }));
    const client = await RawClient.connected(`${running.url}/gate`);
    const started = Date.now();
    expect(await client.nextMessage({ includePings: true })).toEqual({ type: 6 });
    expect(await client.nextMessage({ includePings: true })).toEqual({ type: 6 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    client.close();
  });

  it('closes a connection that stays silent past the client timeout', async () => {
    running = await startServer((s) =>
      s.mapHub('/gate', GateHub, { services: { log: [] }, options: { clientTimeoutInterval: 300, keepAliveInterval: 100, enableDetailedErrors: true } }),
    );
    const client = await RawClient.connected(`${running.url}/gate`);
    const started = Date.now();
    expect(await client.nextMessage()).toEqual({
      type: 7,
      error: "Connection closed with an error. OperationCanceledException: Client hasn't sent a message/ping within the configured ClientTimeoutInterval.",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await client.closed();
  });

  it('keeps a connection whose client pings', async () => {
    running = await startServer((s) => s.mapHub('/gate', GateHub, { services: { log: [] }, options: { clientTimeoutInterval: 300 } }));
    const client = await RawClient.connected(`${running.url}/gate`);
    for (let i = 0; i < 8; i++) {
      client.sendMessage({ type: 6 });
      await delay(100);
    }
    client.sendMessage({ type: 1, invocationId: '1', target: 'echo', arguments: ['alive'] });
    expect(await client.nextMessage()).toEqual({ type: 3, invocationId: '1', result: 5 });
    client.close();
  });

  it('closes a connection that sends a message over the size limit, with a clear error', async () => {
    running = await startServer((s) => s.mapHub('/gate', GateHub, { services: { log: [] }, options: { enableDetailedErrors: true } }));
    const client = await connect(`${running.url}/gate`);
    expect(await client.invoke('echo', 'x'.repeat(32_000))).toBe(32_000);
    const done = closed(client);
    client.invoke('echo', 'x'.repeat(40_000)).catch(() => undefined);
    expect((await done)?.message).toBe(
      'Server returned an error on close: Connection closed with an error. InvalidDataException: The maximum message size of 32768B was exceeded. The message size can be configured in AddHubOptions.',
    );
  });

  it('runs one invocation per client at a time by default, queueing the rest in order', async () => {
    const gate: { open?: () => void; log: string[] } = { log: [] };
    running = await startServer((s) => s.mapHub('/gate', GateHub, { services: gate }));
    const client = await connect(`${running.url}/gate`);
    const before = running.server.getHubStats(GateHub).messagesReceived;
    const slow = client.invoke('wait', 'a');
    const fast = client.invoke('quick', 'b');
    // The server dispatches a connection's messages as it reads them: once it has counted the
    // second invocation, that one has been dispatched, and it must be waiting for the first.
    await waitUntil(() => running!.server.getHubStats(GateHub).messagesReceived >= before + 2, 'the server received both invocations');
    expect(gate.log).toEqual(['start:a']);
    gate.open!();
    expect(await Promise.all([slow, fast])).toEqual(['a', 'b']);
    expect(gate.log).toEqual(['start:a', 'end:a', 'quick:b']);
    await client.stop();
  });

  it('runs invocations side by side when maximumParallelInvocationsPerClient allows', async () => {
    const gate: { open?: () => void; log: string[] } = { log: [] };
    running = await startServer((s) => s.mapHub('/gate', GateHub, { services: gate, options: { maximumParallelInvocationsPerClient: 2 } }));
    const client = await connect(`${running.url}/gate`);
    const slow = client.invoke('wait', 'a');
    expect(await client.invoke('quick', 'b')).toBe('b');
    expect(gate.log).toEqual(['start:a', 'quick:b']);
    gate.open!();
    expect(await slow).toBe('a');
    await client.stop();
  });

  it('refuses client results inside hub methods unless parallel invocations are allowed', async () => {
    running = await startServer((s) => {
      s.mapHub('/one', GateHub, { services: { log: [] }, options: { enableDetailedErrors: true } });
      s.mapHub('/two', GateHub, { services: { log: [] }, options: { maximumParallelInvocationsPerClient: 2 } });
    });
    const one = await connect(`${running.url}/one`);
    one.on('answer', (q: string) => `answer to ${q}`);
    await expect(one.invoke('ask')).rejects.toThrow(
      "An unexpected error occurred invoking 'ask' on the server. InvalidOperationException: Client results inside a Hub method requires HubOptions.MaximumParallelInvocationsPerClient to be greater than 1.",
    );
    const two = await connect(`${running.url}/two`);
    two.on('answer', (q: string) => `answer to ${q}`);
    expect(await two.invoke('ask')).toBe('answer to question');
    await Promise.all([one.stop(), two.stop()]);
  });
});
