import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { type RunningServer, connect, startServer, waitUntil } from '../support/hub-fixture.js';
import { TcpProxy } from '../support/tcp-proxy.js';

interface NumbersClient {
  number(n: number): void;
}

// Sends nothing from onConnected: the npm client numbers messages from its handshake on, so a
// message sent from onConnected would be counted twice after a resend.
class NumbersHub extends Hub<NumbersClient> {
  async sendNumbers(count: number): Promise<void> {
    const caller = this.context.connectionId;
    const clients = this.clients;
    void (async () => {
      // Awaiting each send lets a full reconnect buffer slow this producer down.
      for (let n = 0; n < count; n++) await clients.client(caller).number(n);
    })();
  }
  echo(value: number): number {
    return value;
  }
}

describe('stateful reconnect', () => {
  let running: RunningServer | undefined;
  let proxy: TcpProxy | undefined;
  let client: HubConnection | undefined;
  afterEach(async () => {
    await client?.stop();
    await proxy?.close();
    await running?.close();
  });

  it('delivers 10 000 numbered messages exactly once, in order, across several cuts', async () => {
    running = await startServer((s) =>
      s.mapHub('/numbers', NumbersHub, { options: { allowStatefulReconnects: true, statefulReconnectBufferSize: 200_000 } }),
    );
    proxy = await TcpProxy.start(Number(new URL(running.url).port));
    const received: number[] = [];
    let reconnects = 0;
    client = await connect(`${proxy.url}/numbers`, { configure: (b) => b.withStatefulReconnect({ bufferSize: 200_000 }) });
    client.onreconnecting(() => reconnects++);
    client.on('number', (n: number) => received.push(n));
    await client.invoke('sendNumbers', 10_000);

    const cutPoints = [1500, 4000, 6500, 9000];
    for (const point of cutPoints) {
      await waitUntil(() => received.length >= point, `${point} numbers arrived`, 20_000, 2);
      proxy.cut();
    }
    await waitUntil(() => received.length >= 10_000, 'all 10 000 numbers arrived', 20_000);

    expect(proxy.cuts).toBe(cutPoints.length);
    expect(received.length).toBe(10_000);
    expect(received.every((n, i) => n === i)).toBe(true);
    // The client resumed its connection each time rather than reconnecting from scratch.
    expect(reconnects).toBe(0);
    expect(await client.invoke('echo', 7)).toBe(7);
  });

  it('negotiates stateful reconnect only when the hub allows it', async () => {
    running = await startServer((s) => {
      s.mapHub('/on', NumbersHub, { options: { allowStatefulReconnects: true } });
      s.mapHub('/off', NumbersHub);
    });
    const ask = async (path: string) =>
      (await (await fetch(`${running!.url}${path}/negotiate?negotiateVersion=1&useStatefulReconnect=true`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect((await ask('/on')).useStatefulReconnect).toBe(true);
    expect(await ask('/off')).not.toHaveProperty('useStatefulReconnect');
  });

  it('ends a connection without stateful reconnect when its socket drops', async () => {
    running = await startServer((s) => s.mapHub('/numbers', NumbersHub));
    proxy = await TcpProxy.start(Number(new URL(running.url).port));
    client = await connect(`${proxy.url}/numbers`, { configure: (b) => b.withStatefulReconnect() });
    const closed = new Promise<Error | undefined>((resolve) => client!.onclose(resolve));
    proxy.cut();
    expect(await closed).toBeInstanceOf(Error);
  });
});
