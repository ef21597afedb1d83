import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub, HubException, type HubMethodsConfig } from '../../src-server/index.js';
import { type RunningServer, closed, connect, delay, startServer } from '../support/hub-fixture.js';

interface Clock {
  now(): number;
}

class CalcHub extends Hub {
  static override readonly methods: HubMethodsConfig<CalcHub> = { sendMessage: { name: 'Send' } };

  constructor(private readonly services: { clock: Clock }) {
    super();
  }
  add(a: number, b: number): number {
    return a + b;
  }
  async addLater(a: number, b: number): Promise<number> {
    await delay(5);
    return a + b;
  }
  sendMessage(text: string): string {
    return `sent:${text}`;
  }
  now(): number {
    return this.services.clock.now();
  }
  refuse(): never {
    throw new HubException('Not today.');
  }
  crash(): never {
    throw new TypeError('secret internals');
  }
  async crashLater(): Promise<never> {
    await delay(1);
    throw new Error('later internals');
  }
  bigint(): unknown {
    return { n: 1n };
  }
}

describe('invocation and errors', () => {
  let running: RunningServer;
  beforeAll(async () => {
    const services = { clock: { now: () => 1234 } };
    running = await startServer((s) => {
      s.mapHub('/calc', CalcHub, { services });
      s.mapHub('/calc-detailed', CalcHub, { services, options: { enableDetailedErrors: true } });
    });
  });
  afterAll(() => running.close());

  it('finds methods regardless of case, as a .NET-style client names them', async () => {
    const client = await connect(`${running.url}/calc`);
    expect(await client.invoke('Add', 1, 2)).toBe(3);
    expect(await client.invoke('add', 1, 2)).toBe(3);
    expect(await client.invoke('ADDLATER', 2, 2)).toBe(4);
    await client.stop();
  });

  it('exposes a method under another name and hides its own', async () => {
    const client = await connect(`${running.url}/calc`);
    expect(await client.invoke('Send', 'hi')).toBe('sent:hi');
    await expect(client.invoke('SendMessage', 'hi')).rejects.toThrow(
      "Failed to invoke 'SendMessage' due to an error on the server. HubException: Method does not exist.",
    );
    await client.stop();
  });

  it('hands services to the hub constructor', async () => {
    const client = await connect(`${running.url}/calc`);
    expect(await client.invoke('Now')).toBe(1234);
    await client.stop();
  });

  it('reports an unknown method with ASP.NET Core\'s text and keeps the connection', async () => {
    const client = await connect(`${running.url}/calc`);
    await expect(client.invoke('Nope')).rejects.toThrow(
      /^Failed to invoke 'Nope' due to an error on the server\. HubException: Method does not exist\.$/,
    );
    expect(await client.invoke('add', 1, 1)).toBe(2);
    await client.stop();
  });

  it('reports a wrong argument count, with the detail only when detailed errors are on', async () => {
    const plain = await connect(`${running.url}/calc`);
    await expect(plain.invoke('add', 1)).rejects.toThrow(/^Failed to invoke 'add' due to an error on the server\.$/);
    await plain.stop();
    const detailed = await connect(`${running.url}/calc-detailed`);
    await expect(detailed.invoke('add', 1, 2, 3)).rejects.toThrow(
      "Failed to invoke 'add' due to an error on the server. InvalidDataException: Invocation provides 3 argument(s) but target expects 2.",
    );
    await detailed.stop();
  });

  it('sends a HubException\'s message to the caller', async () => {
    const client = await connect(`${running.url}/calc`);
    await expect(client.invoke('refuse')).rejects.toThrow("An unexpected error occurred invoking 'refuse' on the server. HubException: Not today.");
    await client.stop();
  });

  it('hides other errors unless detailed errors are on', async () => {
    const plain = await connect(`${running.url}/calc`);
    await expect(plain.invoke('crash')).rejects.toThrow(/^An unexpected error occurred invoking 'crash' on the server\.$/);
    await expect(plain.invoke('crashLater')).rejects.toThrow(/^An unexpected error occurred invoking 'crashLater' on the server\.$/);
    expect(await plain.invoke('add', 2, 2)).toBe(4);
    await plain.stop();
    const detailed = await connect(`${running.url}/calc-detailed`);
    await expect(detailed.invoke('crash')).rejects.toThrow("An unexpected error occurred invoking 'crash' on the server. TypeError: secret internals");
    await detailed.stop();
  });

  it('turns a result that cannot be serialized into an error, not a dead connection', async () => {
    const client = await connect(`${running.url}/calc`);
    await expect(client.invoke('bigint')).rejects.toThrow("An unexpected error occurred invoking 'bigint' on the server.");
    expect(await client.invoke('add', 1, 2)).toBe(3);
    await client.stop();
  });

  it('runs a non-blocking send whose failure stays silent', async () => {
    const client = await connect(`${running.url}/calc`);
    await client.send('crash');
    await client.send('Nope');
    expect(await client.invoke('add', 5, 5)).toBe(10);
    await client.stop();
  });

  it('rejects duplicate method names, since overloading is not supported', async () => {
    class Twice extends Hub {
      go(): void {}
      Go(): void {}
    }
    const { createHubServer } = await import('../../src-server/index.js');
    expect(() => createHubServer({ logLevel: 'silent' }).mapHub('/twice', Twice)).toThrow(
      "Duplicate definitions of 'Go'. Overloading is not supported.",
    );
  });

  it('closes when the client stops, with no error on either side', async () => {
    const client = await connect(`${running.url}/calc`);
    const done = closed(client);
    await client.stop();
    expect(await done).toBeUndefined();
  });
});
