import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, Hub, bearerToken } from '../../src-server/index.js';
import { type RunningServer, startServer } from '../support/hub-fixture.js';

class PlainHub extends Hub {
  echo(text: string): string {
    return text;
  }
}

const authenticate = (req: Parameters<typeof bearerToken>[0]) => {
  const token = bearerToken(req);
  if (token === undefined) return undefined;
  if (token === 'good') return { id: 'ann' };
  throw new AuthenticationError('The token is not valid for this host.');
};

/** POSTs a negotiate from `localAddress` (any 127.x address stands for another machine). */
function negotiate(url: string, { token, localAddress = '127.0.0.1' }: { token?: string; localAddress?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/plain/negotiate?negotiateVersion=1`, { method: 'POST', localAddress, headers: token ? { Authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('limits across addresses, on refusals too, and on idle sockets', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('counts negotiates refused with 401 against the rate limit, before checking their tokens', async () => {
    let checked = 0;
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { authenticate: (r) => (checked++, authenticate(r)) }), {
      security: { negotiateRateLimit: { perSecond: 1, burst: 3 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await negotiate(running.url, { token: 'forged' }));
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(checked).toBe(3);
  });

  it('limits failed sign-ins per address on every request, not only negotiates', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub, { authenticate }), {
      security: { authenticationFailureRateLimit: { perSecond: 1, burst: 2 } },
    });
    const poll = (token: string) =>
      fetch(`${running!.url}/plain?id=whatever`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect([await poll('forged'), await poll('forged'), await poll('forged'), await poll('good')]).toEqual([401, 401, 429, 429]);
    // Another address is not held to this one's failures.
    expect(await negotiate(running.url, { token: 'good', localAddress: '127.0.0.2' })).toBe(200);
  });

  it('caps negotiates across all addresses, beside the cap per address', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), {
      security: { negotiateRateLimit: { perSecond: 1, burst: 3 }, totalNegotiateRateLimit: { perSecond: 1, burst: 5 } },
    });
    const statuses: number[] = [];
    for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      for (let i = 0; i < 2; i++) statuses.push(await negotiate(running.url, { localAddress: address }));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('closes a socket that never completes its request headers', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { httpTimeouts: { headersTimeout: 1000 } });
    const { port } = new URL(running.url);
    const socket = connectTcp({ host: '127.0.0.1', port: Number(port) });
    socket.on('error', () => {});
    // Read what comes (a 408), so the end of the socket is seen.
    socket.resume();
    socket.write('GET / HTTP/1.1\r\nHost: ');
    const openedAt = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The half-open socket was still open after 5 s')), 5000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(900);
  });
});
