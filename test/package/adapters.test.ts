import { HttpTransportType } from '@microsoft/signalr';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sharingCertificate } from '../../src-main/core/sharing/certificate.js';
import { connect, nextCall } from '../support/hub-fixture.js';
import { type ScriptProcess, startScript } from '../support/script-process.js';
import { tempDir } from '../support/temp-dir.js';

const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'packages', 'signalr-server', 'examples');
const allowedOrigin = 'http://app.example';
const transports = [HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling];

// Each example is run as a user would run it, and driven with the official client.
const cases = [
  { example: 'express.ts', home: 'Express app' },
  { example: 'fastify.ts', home: 'Fastify app' },
  { example: 'node-http.ts', home: 'node:http app' },
  { example: 'node-https.ts', home: 'node:https app' },
] as const;

describe.each(cases)('the $example example', ({ example, home }) => {
  const certificates = tempDir('hubdeck-tls-');
  let running: ScriptProcess;
  let base: string;
  const trustEveryCertificate = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    if (example === 'node-https.ts') {
      await sharingCertificate(certificates.path, ['localhost'], ['127.0.0.1']);
      // The example's certificate is self-signed; only this worker's clients are told to accept it.
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    }
    running = await startScript(join(examples, example), {
      cwd: root,
      env: {
        PORT: '0',
        ALLOWED_ORIGIN: allowedOrigin,
        TLS_KEY: join(certificates.path, 'tls-key.pem'),
        TLS_CERT: join(certificates.path, 'tls-cert.pem'),
      },
      ready: /listening on (https?:\/\/\S+)/,
    });
    base = running.captured.replace(/\/$/, '');
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    if (trustEveryCertificate === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = trustEveryCertificate;
    certificates.remove();
  });

  it('leaves the app its own routes', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(home);
  });

  it.each(transports.map((transport) => ({ transport, name: HttpTransportType[transport] })))(
    'serves the hub to the official client over $name',
    async ({ transport }) => {
      const [alice, bob] = [await connect(`${base}/hubs/chat`, { transport }), await connect(`${base}/hubs/chat`, { transport })];
      try {
        const received = nextCall(bob, 'receiveMessage');
        await alice.invoke('sendMessage', 'alice', 'hello');
        expect(await received).toEqual(['alice', 'hello']);
        await expect(alice.invoke('sendMessage', 'alice', ' ')).rejects.toThrow('Say something.');
      } finally {
        await Promise.all([alice.stop(), bob.stop()]);
      }
    },
  );

  it('answers CORS for the allowed origin and refuses others, on HTTP and on WebSocket upgrades', async () => {
    const preflight = await fetch(`${base}/hubs/chat/negotiate?negotiateVersion=1`, {
      method: 'OPTIONS',
      headers: { Origin: allowedOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-signalr-user-agent' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const negotiate = await fetch(`${base}/hubs/chat/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Origin: allowedOrigin } });
    expect(negotiate.status).toBe(200);
    expect(negotiate.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    const { connectionToken } = (await negotiate.json()) as { connectionToken: string };

    const refused = await fetch(`${base}/hubs/chat/negotiate?negotiateVersion=1`, { method: 'POST', headers: { Origin: 'http://elsewhere.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const wsBase = base.replace(/^http/, 'ws');
    expect(await upgradeStatus(`${wsBase}/hubs/chat?id=${connectionToken}`, 'http://elsewhere.example')).toBe(403);
    expect(await upgradeStatus(`${wsBase}/hubs/chat?id=${connectionToken}`, allowedOrigin)).toBe(101);
  });

  it('closes its connections with an invitation to reconnect, then exits, on SIGTERM', async () => {
    const client = await connect(`${base}/hubs/chat`);
    const closedWith = new Promise<Error | undefined>((resolve) => client.onclose(resolve));
    running.child.kill('SIGTERM');
    await closedWith;
    expect(await withDeadline(running.exited, 10_000, `${example} did not exit after SIGTERM:\n${running.output()}`)).toBe(0);
  });
});

/** The status a WebSocket upgrade gets: 101 when it opens. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin, rejectUnauthorized: false });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, reject);
  });
}

