import type { FastifyPluginCallback } from 'fastify';
import type { HubServer } from '../hub-server.js';
import { interceptUpgrades } from '../transport/server-events.js';

// What fastify-plugin sets: the plugin's hooks then apply to the whole app rather than to a
// context of their own, which hub paths (not Fastify routes) would never enter.
const skipOverride = Symbol.for('skip-override');
const displayName = Symbol.for('fastify.display-name');

/**
 * A Fastify plugin serving `hubs`: hub requests are taken in an `onRequest` hook before Fastify
 * routes or parses them, WebSocket upgrades for hub paths are taken from `fastify.server`, and
 * closing the Fastify app first closes the hubs (clients get a Close inviting them to reconnect).
 *
 * ```ts
 * const app = Fastify();
 * await app.register(fastifyHubs(hubs));
 * await app.listen({ port: 3000 });
 * ```
 */
export function fastifyHubs(hubs: HubServer): FastifyPluginCallback {
  const plugin: FastifyPluginCallback = (fastify, _options, done) => {
    interceptUpgrades(fastify.server, (req, socket, head) => hubs.handleUpgrade(req, socket, head));
    fastify.addHook('onRequest', (request, reply, next) => {
      // A hijacked reply is left alone by the rest of Fastify's lifecycle.
      if (hubs.handleRequest(request.raw, reply.raw)) reply.hijack();
      next();
    });
    fastify.addHook('preClose', (closing) => {
      hubs.close().then(() => closing(), closing);
    });
    done();
  };
  Object.assign(plugin, { [skipOverride]: true, [displayName]: '@hubdeck/signalr-server' });
  return plugin;
}
