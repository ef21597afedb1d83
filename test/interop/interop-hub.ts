import { type HubCallerClients, HubException } from '../../src-server/index.js';
import { type TargetClient, TargetHub } from '../support/target-hub.js';

/** The client methods the interop scenarios listen for. */
export interface InteropClient extends TargetClient {
  receive(text: string): void;
  seq(label: string, n: number): void;
}

// Stream tags whose server side has finished, so a scenario can see that a cancel reached it.
const finishedStreams = new Set<string>();
// Numbers each label's caller sent with Record, in arrival order (stateful reconnect scenarios).
const recorded = new Map<string, number[]>();

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The hub the .NET interop scenarios drive: TargetHub's client targets and groups, plus one
 * method per feature. interop/aspnetcore maps a hub with the same methods, so the same
 * scenarios run against ASP.NET Core itself.
 */
export class InteropHub extends TargetHub {
  declare clients: HubCallerClients<InteropClient>;

  add(a: number, b: number): number {
    return a + b;
  }
  ping(): void {}
  notify(text: string): Promise<void> {
    return this.clients.caller.receive(text);
  }
  echo(value: unknown): unknown {
    return value;
  }
  /** Values made by the server, as a JavaScript hub would make them. */
  serverValues(): unknown {
    return {
      when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
      bytes: new Uint8Array([0, 1, 2, 254, 255]),
      id: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
      amount: 12345.678,
      nested: { name: 'inner', items: [1, 2, 3], note: null },
    };
  }
  throwHub(message: string): never {
    throw new HubException(message);
  }
  throwPlain(): never {
    throw new Error('A detail only the server should see.');
  }
  async *counter(count: number, delayMs: number): AsyncGenerator<number> {
    for (let i = 0; i < count; i++) {
      if (delayMs > 0) await delay(delayMs);
      yield i;
    }
  }
  async *endless(tag: string): AsyncGenerator<number> {
    try {
      for (let i = 0; !this.signal.aborted; i++) {
        yield i;
        await delay(10);
      }
    } finally {
      finishedStreams.add(tag);
    }
  }
  streamEnded(tag: string): boolean {
    return finishedStreams.has(tag);
  }
  async sum(numbers: AsyncIterable<number>): Promise<number> {
    let total = 0;
    for await (const n of numbers) total += n;
    return total;
  }
  async askCaller(question: string): Promise<string> {
    try {
      return `answer:${await this.clients.caller.invoke('getAnswer', question)}`;
    } catch (error) {
      return `error:${(error as Error).message}`;
    }
  }
  whoAmI(): string | null {
    return this.context.userIdentifier ?? null;
  }
  connectionId(): string {
    return this.context.connectionId;
  }
  /** Sends seq(label, 1..count) to the caller, one every `everyMs`. */
  async countTo(label: string, count: number, everyMs: number): Promise<void> {
    for (let i = 1; i <= count; i++) {
      await this.clients.caller.seq(label, i);
      await delay(everyMs);
    }
  }
  record(label: string, n: number): void {
    const list = recorded.get(label) ?? [];
    list.push(n);
    recorded.set(label, list);
  }
  recorded(label: string): number[] {
    return recorded.get(label) ?? [];
  }
}
