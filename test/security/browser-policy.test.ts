import { request } from 'node:http';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { type RunningServer, startServer } from '../support/hub-fixture.js';

class PlainHub extends Hub {
  ping(): string {
    return 'pong';
  }
}

/** The HTTP status a WebSocket upgrade with these headers gets (101 when accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

/** A raw HTTP request, so Host and Origin can be set as a hostile page's browser would. */
function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser safety', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('compares the scheme as well as the host and port of an Origin', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub));
    const url = `${running.url}/plain`;
    const host = new URL(running.url).host;
    // An https page on the same host and port is another origin than this http server.
    expect(await upgradeStatus(url, { Origin: `https://${host}` })).toBe(403);
    expect((await rawRequest(`${url}/negotiate?negotiateVersion=1`, 'POST', { Origin: `https://${host}` })).status).toBe(403);
    expect(await upgradeStatus(url, { Origin: `http://${host}` })).toBe(101);
    // Default ports are the same origin whether or not they are written.
    expect((await rawRequest(`${url}/negotiate?negotiateVersion=1`, 'POST', { Origin: 'http://localhost', Host: 'localhost:80' })).status).toBe(200);
  });

  it('refuses cross-site WebSocket upgrades (hijacking) but accepts same-origin and listed origins', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { allowedOrigins: ['https://dash.example'] } });
    const url = `${running.url}/plain`;
    const host = new URL(running.url).host;
    expect(await upgradeStatus(url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { Origin: `http://${host}` })).toBe(101);
    expect(await upgradeStatus(url, { Origin: 'https://dash.example' })).toBe(101);
    expect(await upgradeStatus(url, {})).toBe(101);
  });

  it('answers CORS for allowed origins only, with credentials, including preflights', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { allowedOrigins: ['https://dash.example'] } });
    const negotiate = `${running.url}/plain/negotiate?negotiateVersion=1`;
    const allowed = await rawRequest(negotiate, 'POST', { Origin: 'https://dash.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const preflight = await rawRequest(negotiate, 'OPTIONS', {
      Origin: 'https://dash.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,x-signalr-user-agent',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization,x-signalr-user-agent');
    const refused = await rawRequest(negotiate, 'POST', { Origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body).toBe("Origin 'https://evil.example' is not allowed.");
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('checks the Host header against DNS rebinding', async () => {
    running = await startServer((s) => s.mapHub('/plain', PlainHub), { security: { allowedHosts: ['127.0.0.1', 'localhost'] } });
    const port = new URL(running.url).port;
    const rebound = await rawRequest(`${running.url}/plain/negotiate?negotiateVersion=1`, 'POST', { Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(400);
    expect(rebound.body).toBe('Invalid Host header.');
    const local = await rawRequest(`${running.url}/plain/negotiate?negotiateVersion=1`, 'POST', { Host: `localhost:${port}` });
    expect(local.status).toBe(200);
    expect(await upgradeStatus(`${running.url}/plain`, { Host: `attacker.example:${port}` })).toBe(400);
  });
});
