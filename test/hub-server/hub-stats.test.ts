import { HttpTransportType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub, HubException } from '../../src-server/index.js';
import { type RunningServer, connect, waitUntil } from '../support/hub-fixture.js';
import { startServer } from '../support/hub-fixture.js';

class CountedHub extends Hub {
  static override methods = { greet: { name: 'Greet' } };
  greet(name: string): string {
    return `hello ${name}`;
  }
  fail(): never {
    throw new HubException('no');
  }
}

describe('hub stats for exporters', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('counts connections by transport and protocol, bytes each way, and invocations and errors by method', async () => {
    running = await startServer((s) => s.mapHub('/counted', CountedHub));
    const url = `${running.url}/counted`;
    const sse = await connect(url, { transport: HttpTransportType.ServerSentEvents });
    const packed = await connect(url, { configure: (b) => b.withHubProtocol(new MessagePackHubProtocol()) });
    await sse.invoke('Greet', 'a');
    await packed.invoke('greet', 'b');
    await expect(packed.invoke('fail')).rejects.toThrow('no');
    await expect(packed.invoke('nothing')).rejects.toThrow();

    const stats = running.server.getHubStats('/counted');
    expect(stats.connectionsByTransport).toEqual(
      expect.arrayContaining([
        { transport: 'ServerSentEvents', protocol: 'json', connections: 1 },
        { transport: 'WebSockets', protocol: 'messagepack', connections: 1 },
      ]),
    );
    expect(stats.methods).toEqual(expect.arrayContaining([{ method: 'Greet', invocations: 2, errors: 0 }, { method: 'fail', invocations: 1, errors: 1 }]));
    expect(stats.methods.map((m) => m.method)).not.toContain('nothing');
    expect(stats.bytesReceived).toBeGreaterThan(0);
    expect(stats.bytesSent).toBeGreaterThan(0);

    await Promise.all([sse.stop(), packed.stop()]);
    await waitUntil(() => running!.server.getHubStats('/counted').connections === 0, 'both connections are gone from the stats');
    expect(running.server.getHubStats('/counted').connectionsByTransport.every((c) => c.connections === 0)).toBe(true);
    expect(running.server.hubPaths()).toEqual(['/counted']);
  });
});
