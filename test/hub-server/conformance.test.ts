import { HttpTransportType, type HubConnection, Subject } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub, HubException } from '../../src-server/index.js';
import { type RunningServer, connect, delay, nextCall, startServer, waitUntil } from '../support/hub-fixture.js';

interface FeatureClient {
  receive(text: string): void;
  getAnswer(question: string): Promise<string>;
}

const cleanups: string[] = [];

/** One method per feature the conformance matrix checks. */
class FeatureHub extends Hub<FeatureClient> {
  add(a: number, b: number): number {
    return a + b;
  }
  broadcast(text: string): Promise<void> {
    return this.clients.all.receive(text);
  }
  async *counter(count: number, delayMs: number): AsyncGenerator<number> {
    for (let i = 0; i < count; i++) {
      if (delayMs > 0) await delay(delayMs);
      yield i;
    }
  }
  async *endless(tag: string): AsyncGenerator<number> {
    try {
      for (let i = 0; ; i++) {
        await delay(5);
        if (this.signal.aborted) return;
        yield i;
      }
    } finally {
      cleanups.push(tag);
    }
  }
  cleanedUp(tag: string): boolean {
    return cleanups.includes(tag);
  }
  async sum(numbers: AsyncIterable<number>): Promise<number> {
    let total = 0;
    for await (const n of numbers) total += n;
    return total;
  }
  async *doubled(numbers: AsyncIterable<number>): AsyncGenerator<number> {
    for await (const n of numbers) yield n * 2;
  }
  askCaller(question: string): Promise<string> {
    return this.clients.caller.invoke('getAnswer', question);
  }
  refuse(): never {
    throw new HubException('No.');
  }
  async joinAndSend(group: string, text: string): Promise<void> {
    await this.groups.addToGroup(this.context.connectionId, group);
    await this.clients.group(group).receive(text);
  }
  size(text: string): number {
    return text.length;
  }
  transport(): string {
    return this.context.transport;
  }
}

const transports = [
  ['WebSockets', HttpTransportType.WebSockets],
  ['ServerSentEvents', HttpTransportType.ServerSentEvents],
  ['LongPolling', HttpTransportType.LongPolling],
] as const;
const protocols = ['json', 'messagepack'] as const;
const combinations = transports.flatMap(([name, transport]) =>
  protocols.filter((p) => !(p === 'messagepack' && name === 'ServerSentEvents')).map((protocol) => ({ name, transport, protocol })),
);

const matrix = new Map<string, Map<string, string>>();
function record(combo: string, feature: string, ok: boolean) {
  if (!matrix.has(feature)) matrix.set(feature, new Map());
  matrix.get(feature)!.set(combo, ok ? 'pass' : 'FAIL');
}

describe('conformance matrix: the official client on every transport and protocol', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer((s) => s.mapHub('/features', FeatureHub, { options: { maximumParallelInvocationsPerClient: 2 } }));
  });
  afterAll(async () => {
    await running.close();
    const combos = combinations.map((c) => `${c.name}/${c.protocol}`);
    const rows = [...matrix].map(([feature, results]) => [feature, ...combos.map((c) => results.get(c) ?? '-')]);
    const widths = ['feature', ...combos].map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    console.log(['', line(['feature', ...combos]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n'));
  });

  describe.each(combinations)('$name / $protocol', ({ name, transport, protocol }) => {
    const combo = `${name}/${protocol}`;
    let client: HubConnection;
    beforeAll(async () => {
      client = await connect(`${running.url}/features`, {
        transport,
        configure: (b) => (protocol === 'messagepack' ? b.withHubProtocol(new MessagePackHubProtocol()) : b),
      });
    });
    afterAll(() => client.stop());

    const feature = (title: string, body: () => Promise<void>) =>
      it(title, async () => {
        try {
          await body();
          record(combo, title, true);
        } catch (error) {
          record(combo, title, false);
          throw error;
        }
      });

    feature('runs on the requested transport', async () => {
      expect(await client.invoke('transport')).toBe(name);
    });
    feature('invoke with a result', async () => {
      expect(await client.invoke('add', 40, 2)).toBe(42);
    });
    feature('send, and server-to-client calls', async () => {
      const received = nextCall(client, 'receive');
      await client.send('broadcast', `hello ${combo}`);
      expect(await received).toEqual([`hello ${combo}`]);
    });
    feature('HubException text', async () => {
      await expect(client.invoke('refuse')).rejects.toThrow("An unexpected error occurred invoking 'refuse' on the server. HubException: No.");
    });
    feature('groups', async () => {
      const received = nextCall(client, 'receive');
      await client.invoke('joinAndSend', `g-${combo}`, 'to the group');
      expect(await received).toEqual(['to the group']);
    });
    feature('server-to-client stream', async () => {
      const items: number[] = [];
      await new Promise<void>((resolve, reject) =>
        client.stream<number>('counter', 25, 0).subscribe({ next: (n) => items.push(n), complete: resolve, error: reject }),
      );
      expect(items).toEqual([...Array(25).keys()]);
    });
    feature('stream cancel runs the generator cleanup', async () => {
      const tag = `cancel-${combo}`;
      const items: number[] = [];
      const subscription = client.stream<number>('endless', tag).subscribe({ next: (n) => items.push(n), complete: () => {}, error: () => {} });
      await waitUntil(() => items.length >= 3, 'three items of the endless stream arrived');
      subscription.dispose();
      await waitUntil(() => client.invoke<boolean>('cleanedUp', tag), "the generator's cleanup ran", 3000, 20);
    });
    feature('client-to-server stream', async () => {
      const subject = new Subject<number>();
      const total = client.invoke<number>('sum', subject);
      for (let n = 1; n <= 5; n++) subject.next(n);
      subject.complete();
      expect(await total).toBe(15);
    });
    feature('streams both ways at once', async () => {
      const subject = new Subject<number>();
      const items: number[] = [];
      const done = new Promise<void>((resolve, reject) =>
        client.stream<number>('doubled', subject).subscribe({ next: (n) => items.push(n), complete: resolve, error: reject }),
      );
      for (let n = 1; n <= 4; n++) subject.next(n);
      subject.complete();
      await done;
      expect(items).toEqual([2, 4, 6, 8]);
    });
    feature('client results', async () => {
      client.on('getAnswer', (q: string) => `answer to ${q}`);
      expect(await client.invoke('askCaller', 'life')).toBe('answer to life');
      client.off('getAnswer');
    });
    feature('a 30 KB message', async () => {
      expect(await client.invoke('size', 'x'.repeat(30_000))).toBe(30_000);
    });
  });
});
