import { type HubConnection, Subject } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientError, Hub, type HubMethodsConfig } from '../../src-server/index.js';
import { JsonHubProtocol } from '../../src-server/protocol/json-protocol.js';
import type { HubMessage } from '../../src-server/protocol/messages.js';
import { MessagePackHubProtocol as ServerMessagePack } from '../../src-server/protocol/messagepack-protocol.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, connect, nextCall, startServer, waitUntil } from '../support/hub-fixture.js';

interface AskClient {
  getAnswer(question: string): Promise<string>;
  fail(): Promise<string>;
  slow(): Promise<string>;
  receive(text: string): void;
}

const produced = { count: 0 };

class StreamHub extends Hub<AskClient> {
  static override readonly methods: HubMethodsConfig<StreamHub> = {
    labelled: { streamParameters: [1] },
    pair: { streamParameters: [0, 2] },
    fromPromise: { stream: true },
  };

  async *firehose(): AsyncGenerator<string> {
    for (produced.count = 0; produced.count < 10_000; produced.count++) yield 'x'.repeat(1000);
  }
  async *failing(): AsyncGenerator<number> {
    yield 1;
    throw new Error('sensor offline');
  }
  fromPromise(): Promise<AsyncIterable<number>> {
    return Promise.resolve((async function* () {
      yield 7;
    })());
  }
  notAStream(): number {
    return 3;
  }
  async labelled(label: string, numbers: AsyncIterable<number>, suffix: string): Promise<string> {
    const items: number[] = [];
    for await (const n of numbers) items.push(n);
    return `${label}:${items.join(',')}:${suffix}`;
  }
  async pair(a: AsyncIterable<string>, separator: string, b: AsyncIterable<string>): Promise<string> {
    const read = async (s: AsyncIterable<string>) => {
      const out: string[] = [];
      for await (const x of s) out.push(x);
      return out.join('');
    };
    const [x, y] = await Promise.all([read(a), read(b)]);
    return `${x}${separator}${y}`;
  }
  async total(numbers: AsyncIterable<number>): Promise<number> {
    let sum = 0;
    for await (const n of numbers) sum += n;
    return sum;
  }
  ask(question: string): Promise<string> {
    return this.clients.caller.invoke('getAnswer', question);
  }
  askFailing(): Promise<string> {
    return this.clients.caller.invoke('fail');
  }
  askUnhandled(): Promise<string> {
    return this.clients.caller.invoke('slow');
  }
  askWithTimeout(): Promise<string> {
    return this.clients.caller.invoke('slow', AbortSignal.timeout(100));
  }
  broadcast(text: string): Promise<void> {
    return this.clients.all.receive(text);
  }
}

describe('streaming and client results', () => {
  let running: RunningServer;
  let client: HubConnection;
  beforeAll(async () => {
    running = await startServer((s) => {
      s.mapHub('/streams', StreamHub, { options: { maximumParallelInvocationsPerClient: 4 } });
      s.mapHub('/streams-detailed', StreamHub, { options: { maximumParallelInvocationsPerClient: 4, enableDetailedErrors: true } });
    });
    client = await connect(`${running.url}/streams`);
  });
  afterAll(async () => {
    await client.stop();
    await running.close();
  });

  // That the producer is not pulled past streamBufferCapacity unflushed items is proven step by
  // step in stream-pump.test.ts; this is the same over a real socket that stops reading.
  it('holds a stream back while a client does not read, and delivers it all once it reads again', async () => {
    const negotiated = await fetch(`${running.url}/streams/negotiate?negotiateVersion=1`, { method: 'POST' });
    const { connectionId, connectionToken } = (await negotiated.json()) as { connectionId: string; connectionToken: string };
    const raw = await RawClient.connected(`${running.url}/streams?id=${connectionToken}`);
    // Stop reading at the TCP level: the socket's buffers fill, then the server stops pulling.
    (raw.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    raw.sendMessage({ type: 4, invocationId: '1', target: 'firehose', arguments: [] });
    await waitUntil(() => (running.server.getConnectionStats('/streams', connectionId)?.bufferedAmount ?? 0) > 0, 'the server has data waiting for the paused client', 10_000);
    expect(produced.count).toBeLessThan(10_000);
    (raw.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitUntil(() => produced.count >= 10_000 - 1, 'the producer ran to the end', 10_000, 20);
    raw.close();
  });

  it('completes a stream with the error text when the generator throws', async () => {
    const items: number[] = [];
    const error = await new Promise<Error>((resolve) =>
      client.stream<number>('failing').subscribe({ next: (n) => items.push(n), complete: () => resolve(new Error('completed')), error: resolve }),
    );
    expect(items).toEqual([1]);
    expect(error.message).toBe('An error occurred on the server while streaming results.');
    const detailed = await connect(`${running.url}/streams-detailed`);
    const detailedError = await new Promise<Error>((resolve) =>
      detailed.stream<number>('failing').subscribe({ next: () => {}, complete: () => resolve(new Error('completed')), error: resolve }),
    );
    expect(detailedError.message).toBe('An error occurred on the server while streaming results. Error: sensor offline');
    await detailed.stop();
  });

  it('streams from a method declared as a stream that returns a promise of an iterable', async () => {
    const items: number[] = [];
    await new Promise<void>((resolve, reject) => client.stream<number>('fromPromise').subscribe({ next: (n) => items.push(n), complete: resolve, error: reject }));
    expect(items).toEqual([7]);
  });

  it('refuses to stream a non-streaming method, and to invoke a streaming one', async () => {
    const error = await new Promise<Error>((resolve) =>
      client.stream('notAStream').subscribe({ next: () => {}, complete: () => resolve(new Error('completed')), error: resolve }),
    );
    expect(error.message).toBe("The client attempted to invoke the non-streaming 'notAStream' method with a streaming invocation.");
    await expect(client.invoke('firehose')).rejects.toThrow("The client attempted to invoke the streaming 'firehose' method with a non-streaming invocation.");
  });

  it('places an upload stream at its declared parameter', async () => {
    const subject = new Subject<number>();
    const result = client.invoke<string>('labelled', 'nums', subject, 'end');
    subject.next(1);
    subject.next(2);
    subject.complete();
    expect(await result).toBe('nums:1,2:end');
  });

  it('reports a stream count that does not match the declared parameters', async () => {
    await expect(client.invoke('labelled', 'nums', 'end')).rejects.toThrow(
      "An unexpected error occurred invoking 'labelled' on the server. HubException: Client sent 0 stream(s), Hub method expects 1.",
    );
  });

  it('feeds several upload streams at once', async () => {
    const a = new Subject<string>();
    const b = new Subject<string>();
    // The npm client skips a stream argument that directly follows another (it splices its
    // argument array while walking it), so the two streams are kept apart by a plain argument.
    const result = client.invoke<string>('pair', a, '|', b);
    a.next('a1');
    b.next('b1');
    a.next('a2');
    b.complete();
    a.complete();
    expect(await result).toBe('a1a2|b1');
  });

  it('passes a client\'s stream error into the hub method', async () => {
    const subject = new Subject<number>();
    const result = client.invoke<number>('total', subject);
    subject.next(1);
    subject.error(new Error('upload broke'));
    await expect(result).rejects.toThrow("An unexpected error occurred invoking 'total' on the server.");
    const detailed = await connect(`${running.url}/streams-detailed`);
    const failing = new Subject<number>();
    const detailedResult = detailed.invoke<number>('total', failing);
    failing.error(new Error('upload broke'));
    await expect(detailedResult).rejects.toThrow(/Exception: .*upload broke/);
    await detailed.stop();
  });

  it('resolves a client result, and rejects with the client\'s error or a missing handler', async () => {
    client.on('getAnswer', (q: string) => `42 (${q})`);
    client.on('fail', () => {
      throw new Error('client says no');
    });
    expect(await client.invoke('ask', 'why')).toBe('42 (why)');
    await expect(client.invoke('askFailing')).rejects.toThrow("An unexpected error occurred invoking 'askFailing' on the server.");
    const detailed = await connect(`${running.url}/streams-detailed`);
    await expect(detailed.invoke('askUnhandled')).rejects.toThrow(
      "An unexpected error occurred invoking 'askUnhandled' on the server. Exception: Client didn't provide a result.",
    );
    await detailed.stop();
  });

  it('cancels a client result on its AbortSignal', async () => {
    const detailed = await connect(`${running.url}/streams-detailed`);
    detailed.on('slow', () => new Promise(() => {}));
    await expect(detailed.invoke('askWithTimeout')).rejects.toThrow(
      "An unexpected error occurred invoking 'askWithTimeout' on the server. OperationCanceledException: Invocation canceled by the server.",
    );
    await detailed.stop();
  });

  it('invokes a client from a hub context outside hubs, and fails when the client leaves', async () => {
    const other = await connect(`${running.url}/streams`);
    other.on('getAnswer', (q: string) => `from outside: ${q}`);
    const context = running.server.getHubContext<AskClient>(StreamHub);
    expect(await context.clients.client(other.connectionId!).invoke('getAnswer', 'q')).toBe('from outside: q');
    other.on('slow', () => new Promise(() => {}));
    const pending = context.clients.client(other.connectionId!).invoke('slow');
    const id = other.connectionId!;
    await other.stop();
    await expect(pending).rejects.toThrow(`Connection '${id}' disconnected.`);
    await expect(context.clients.client('nobody').invoke('getAnswer', 'q')).rejects.toThrow("Connection 'nobody' does not exist.");
    await expect(context.clients.client(client.connectionId!).invoke('fail')).rejects.toBeInstanceOf(ClientError);
  });

  it('serializes a broadcast once per protocol, not once per connection', async () => {
    const json = [await connect(`${running.url}/streams`), await connect(`${running.url}/streams`)];
    const msgpack = [0, 1, 2].map(() => connect(`${running.url}/streams`, { configure: (b) => b.withHubProtocol(new MessagePackHubProtocol()) }));
    const all = [client, ...json, ...(await Promise.all(msgpack))];
    const jsonWrites = vi.spyOn(JsonHubProtocol.prototype, 'writeMessage');
    const msgpackWrites = vi.spyOn(ServerMessagePack.prototype, 'writeMessage');
    const received = all.map((c) => nextCall(c, 'receive'));
    await client.invoke('broadcast', 'once');
    expect(await Promise.all(received)).toEqual(all.map(() => ['once']));
    const broadcastWrites = (spy: { mock: { calls: Array<[HubMessage]> } }) => spy.mock.calls.filter(([m]) => m.type === 1 && m.target === 'receive').length;
    expect(broadcastWrites(jsonWrites)).toBe(1);
    expect(broadcastWrites(msgpackWrites)).toBe(1);
    vi.restoreAllMocks();
    await Promise.all(all.slice(1).map((c) => c.stop()));
  });
});
