import type { HubConnection } from '@microsoft/signalr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub, type HubFilter, type HubLifetimeManager, type MapHubOptions, MemoryLifetimeManager, createLogger } from '../../src-server/index.js';
import { type RunningServer, buildClient, closed, connect, startServer, waitUntil } from '../support/hub-fixture.js';

/** How a broken extension fails: by throwing where it is called, or by returning a rejected promise. */
type Failure = 'throws' | 'rejects';

const breakage = (failure: Failure, what: string) => {
  const error = new Error(`${what} is broken`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (failure === 'throws' ? () => { throw error; } : () => Promise.reject(error)) as (...args: any[]) => any;
};

const disconnects: string[] = [];

class ProbeHub extends Hub {
  echo(text: string): string {
    return text;
  }
  join(group: string): Promise<void> {
    return this.groups.addToGroup(this.context.connectionId, group);
  }
  leave(group: string): Promise<void> {
    return this.groups.removeFromGroup(this.context.connectionId, group);
  }
  tellAll(text: string): Promise<void> {
    return this.clients.all.send('told', text);
  }
  ask(): Promise<unknown> {
    return this.clients.caller.invoke('answer');
  }
  override onDisconnected(): void {
    disconnects.push(this.context.connectionId);
  }
}

/** A memory lifetime manager with one method replaced by a broken one. */
function brokenManager(method: keyof HubLifetimeManager, failure: Failure): HubLifetimeManager {
  const manager = new MemoryLifetimeManager();
  Object.assign(manager, { [method]: breakage(failure, `the lifetime manager's ${method}`) });
  return manager;
}

/** What the broken extension is expected to do to the one connection or request it touches. */
type Effect =
  | { readonly kind: 'request refused' }
  | { readonly kind: 'connection refused' }
  | { readonly kind: 'call fails'; readonly method: string; readonly args: unknown[] }
  | { readonly kind: 'connection closed' }
  | { readonly kind: 'disconnect completes' };

interface Case {
  readonly point: string;
  readonly hub?: new () => Hub;
  readonly config: (failure: Failure) => MapHubOptions<unknown>;
  readonly effect: Effect;
}

const filter = (step: keyof HubFilter, failure: Failure): HubFilter => ({ [step]: breakage(failure, `a filter's ${step}`) });

const cases: Case[] = [
  { point: 'authenticate', config: (f) => ({ authenticate: breakage(f, 'authenticate') }), effect: { kind: 'request refused' } },
  { point: 'negotiateRedirect', config: (f) => ({ negotiateRedirect: breakage(f, 'negotiateRedirect') }), effect: { kind: 'request refused' } },
  {
    point: 'userIdProvider',
    config: (f) => ({ authenticate: () => ({ id: 'ann' }), userIdProvider: breakage(f, 'userIdProvider') }),
    effect: { kind: 'connection refused' },
  },
  { point: 'groupPolicy', config: (f) => ({ groupPolicy: breakage(f, 'groupPolicy') }), effect: { kind: 'call fails', method: 'join', args: ['g'] } },
  { point: 'a hub-wide authorization policy', config: (f) => ({ authorize: breakage(f, 'authorize') }), effect: { kind: 'call fails', method: 'echo', args: ['x'] } },
  {
    point: "a method's authorization policy",
    hub: class extends ProbeHub {
      static override readonly methods = { echo: { authorize: breakage('throws', 'a method policy') } };
    },
    config: () => ({}),
    effect: { kind: 'call fails', method: 'echo', args: ['x'] },
  },
  { point: "a filter's invokeMethod", config: (f) => ({ filters: [filter('invokeMethod', f)] }), effect: { kind: 'call fails', method: 'echo', args: ['x'] } },
  { point: "a filter's onConnected", config: (f) => ({ filters: [filter('onConnected', f)] }), effect: { kind: 'connection closed' } },
  { point: "a filter's onDisconnected", config: (f) => ({ filters: [filter('onDisconnected', f)] }), effect: { kind: 'disconnect completes' } },
  {
    point: "the hub's onConnected",
    hub: class extends ProbeHub {
      override onConnected(): Promise<void> {
        return Promise.reject(new Error('onConnected is broken'));
      }
    },
    config: () => ({}),
    effect: { kind: 'connection closed' },
  },
  {
    point: "the hub's onDisconnected",
    hub: class extends ProbeHub {
      override onDisconnected(): void {
        throw new Error('onDisconnected is broken');
      }
    },
    config: () => ({}),
    effect: { kind: 'disconnect completes' },
  },
  { point: "the lifetime manager's onConnected", config: (f) => ({ lifetimeManager: brokenManager('onConnected', f) }), effect: { kind: 'connection closed' } },
  { point: "the lifetime manager's onDisconnected", config: (f) => ({ lifetimeManager: brokenManager('onDisconnected', f) }), effect: { kind: 'disconnect completes' } },
  { point: "the lifetime manager's send", config: (f) => ({ lifetimeManager: brokenManager('send', f) }), effect: { kind: 'call fails', method: 'tellAll', args: ['x'] } },
  { point: "the lifetime manager's addToGroup", config: (f) => ({ lifetimeManager: brokenManager('addToGroup', f) }), effect: { kind: 'call fails', method: 'join', args: ['g'] } },
  {
    point: "the lifetime manager's removeFromGroup",
    config: (f) => ({ lifetimeManager: brokenManager('removeFromGroup', f) }),
    effect: { kind: 'call fails', method: 'leave', args: ['g'] },
  },
  {
    point: "the lifetime manager's invokeConnection (client results)",
    config: (f) => ({ lifetimeManager: brokenManager('invokeConnection', f), options: { maximumParallelInvocationsPerClient: 2 } }),
    effect: { kind: 'call fails', method: 'ask', args: [] },
  },
  {
    point: "the lifetime manager's setConnectionResult (a client's answer)",
    config: (f) => ({ lifetimeManager: brokenManager('setConnectionResult', f), options: { maximumParallelInvocationsPerClient: 2 } }),
    effect: { kind: 'connection closed' },
  },
];

describe('no extension point can crash the process or leave a connection half closed', () => {
  const crashes: unknown[] = [];
  const logs: string[] = [];
  const onCrash = (error: unknown) => void crashes.push(error);
  beforeAll(() => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
  });
  afterAll(() => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  });

  for (const c of cases) {
    for (const failure of ['throws', 'rejects'] as const) {
      it(`${c.point} ${failure}`, async () => {
        logs.length = 0;
        crashes.length = 0;
        const running: RunningServer = await startServer(
          (s) => s.mapHub('/broken', c.hub ?? ProbeHub, c.config(failure)).mapHub('/fine', ProbeHub),
          { logger: createLogger('debug', (line) => logs.push(line)) },
        );
        const bystander = await connect(`${running.url}/fine`);
        const answerClient = (connection: HubConnection) => connection.on('answer', () => 42);
        try {
          await expectEffect(running, c.effect, answerClient);
          // Ordered marker: a round trip on another hub after the failure, then no crash was seen.
          expect(await bystander.invoke('echo', 'still here')).toBe('still here');
          // A rejection nobody handled is reported once the current turn ends: give it that turn.
          await new Promise((resolve) => setImmediate(resolve));
          expect(crashes).toEqual([]);
        } finally {
          await bystander.stop();
          await running.close();
        }
      });
    }
  }

  async function expectEffect(running: RunningServer, effect: Effect, answerClient: (c: HubConnection) => void): Promise<void> {
    const url = `${running.url}/broken`;
    switch (effect.kind) {
      case 'request refused': {
        const res = await fetch(`${url}/negotiate?negotiateVersion=1`, { method: 'POST' });
        expect(res.status).toBe(500);
        const body = await res.text();
        const id = /^An unexpected error occurred on the server \(error id ([0-9a-f]{8})\)\.$/.exec(body)?.[1];
        expect(id, body).toBeDefined();
        // The details go to the log, under the id the client was given, and never to the client.
        expect(logs.some((line) => line.includes(id!) && line.includes('is broken'))).toBe(true);
        expect(body).not.toContain('is broken');
        return;
      }
      case 'connection refused':
        await expect(connect(url)).rejects.toThrow('An unexpected error occurred during connection handshake.');
        return;
      case 'call fails': {
        const client = await connect(url);
        answerClient(client);
        await expect(client.invoke(effect.method, ...effect.args)).rejects.toThrow(`An unexpected error occurred invoking '${effect.method}' on the server.`);
        // The connection stays up and answers again.
        await expect(client.invoke(effect.method, ...effect.args)).rejects.toThrow(`An unexpected error occurred invoking '${effect.method}' on the server.`);
        expect(client.state).toBe('Connected');
        await client.stop();
        return;
      }
      case 'connection closed': {
        const client = buildClient(url);
        answerClient(client);
        const ended = closed(client).catch((error: Error) => error);
        // The failure may end the connection while it starts, or right after; either way the server closes it.
        const started = await client.start().then(
          () => true,
          (error: Error) => {
            expect(error.message).toContain('Connection closed with an error.');
            return false;
          },
        );
        if (!started) return;
        void client.invoke('ask').catch(() => {});
        expect((await ended)?.message).toContain('Connection closed with an error.');
        return;
      }
      case 'disconnect completes': {
        const client = await connect(url);
        const id = client.connectionId!;
        const before = running.server.getHubStats('/broken').connections;
        await client.stop();
        await waitUntil(() => running.server.getHubStats('/broken').connections === before - 1, 'the connection is gone from the stats');
        // The hub's own onDisconnected still runs when something before it failed (unless it is what failed).
        if (!logs.some((line) => line.includes('onDisconnected is broken') || line.includes("a filter's onDisconnected is broken"))) {
          await waitUntil(() => disconnects.includes(id), "the hub's onDisconnected ran");
        }
        return;
      }
    }
  }
});
