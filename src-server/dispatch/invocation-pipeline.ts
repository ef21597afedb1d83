import type { HubConnectionContext } from '../connection/hub-connection-context.js';
import { HubException } from '../errors.js';
import type { DynamicClient } from '../lifetime/client-proxy.js';
import { type GroupManager, type HubCallerClients, HubClientsImpl } from '../lifetime/hub-clients.js';
import { type Hub, invocationSignal } from './hub.js';
import type { HubDefinition } from './hub-definition.js';
import { runFilters } from './hub-filter.js';
import type { HubMethod } from './method-table.js';

type AnyHub = Hub<DynamicClient>;

/** What a call refused by an authorization policy resolves to. */
export const refused = Symbol('refused');

const parallelRequired =
  'Client results inside a Hub method requires HubOptions.MaximumParallelInvocationsPerClient to be greater than 1.';
const notInOnConnected = 'Client results inside OnConnectedAsync Hub methods are not allowed.';

/**
 * What stands between a message and a hub method: authorization policies, filters, activating a
 * hub instance with its context, clients and (policed) groups. The hub's lifecycle events go
 * through the same filters.
 */
export class InvocationPipeline {
  private readonly callerClients = new WeakMap<HubConnectionContext, HubCallerClients>();

  constructor(private readonly hub: HubDefinition) {}

  /** Whether calling `method` must wait for a policy or filters; when not, the call can be answered synchronously. */
  isGuarded(method: HubMethod): boolean {
    return this.needsAuthorization(method) || this.hub.filters.length > 0;
  }

  /** Calls a method on a fresh hub instance with no policy or filter around it. */
  callDirectly(connection: HubConnectionContext, method: HubMethod, args: unknown[]): unknown {
    return method.invoke.apply(this.activate(connection, this.clientsFor(connection)), args);
  }

  /** The method's result through the authorization policies and filters, or `refused`. */
  async call(connection: HubConnectionContext, method: HubMethod, args: unknown[], streamSignal?: AbortSignal): Promise<unknown> {
    if (this.needsAuthorization(method) && !(await this.authorized(connection, method, args))) return refused;
    const hub = this.activate(connection, this.clientsFor(connection), streamSignal);
    if (this.hub.filters.length === 0) return method.invoke.apply(hub, args);
    const invocation = { context: connection, hub, method: method.name, args };
    return runFilters<unknown>(this.hub.filters, (f, next) => f.invokeMethod?.(invocation, next), async () => method.invoke.apply(hub, args));
  }

  /** Runs the hub's onConnected through the filters; client results are refused there, as ASP.NET Core does. */
  async connected(connection: HubConnectionContext): Promise<void> {
    const hub = this.activate(connection, new HubClientsImpl(this.hub.manager, connection.connectionId, notInOnConnected));
    await runFilters<void>(this.hub.filters, (f, next) => f.onConnected?.(connection, next), async () => hub.onConnected());
  }

  /** Runs the hub's onDisconnected through the filters. */
  async disconnected(connection: HubConnectionContext, error: Error | undefined): Promise<void> {
    const hub = this.activate(connection, this.clientsFor(connection));
    await runFilters<void>(this.hub.filters, (f, next) => f.onDisconnected?.(connection, error, next), async () => hub.onDisconnected(error));
  }

  private needsAuthorization(method: HubMethod): boolean {
    return this.hub.authorize !== undefined || method.authorize !== undefined;
  }

  private async authorized(connection: HubConnectionContext, method: HubMethod, args: unknown[]): Promise<boolean> {
    const request = { user: connection.user, context: connection, method: method.name, args };
    if (this.hub.authorize && !(await this.hub.authorize(request))) return false;
    return method.authorize ? method.authorize(request) : true;
  }

  private activate(connection: HubConnectionContext, clients: HubCallerClients, streamSignal?: AbortSignal): AnyHub {
    const hub = new this.hub.hubClass(this.hub.services) as AnyHub;
    hub.context = connection;
    hub.clients = clients;
    hub.groups = this.hub.groupPolicy ? this.guardedGroups(connection) : this.hub.groups;
    if (streamSignal) hub[invocationSignal] = streamSignal;
    return hub;
  }

  /** The group manager a hub gets when joins are policed: it acts for its caller's user. */
  private guardedGroups(connection: HubConnectionContext): GroupManager {
    const policy = this.hub.groupPolicy!;
    return {
      addToGroup: async (connectionId, group) => {
        if (!(await policy({ user: connection.user, connectionId, group }))) throw new HubException(`Joining the group '${group}' is not allowed.`);
        return this.hub.groups.addToGroup(connectionId, group);
      },
      removeFromGroup: (connectionId, group) => this.hub.groups.removeFromGroup(connectionId, group),
    };
  }

  private clientsFor(connection: HubConnectionContext): HubCallerClients {
    let clients = this.callerClients.get(connection);
    if (!clients) {
      const refusal = this.hub.options.maximumParallelInvocationsPerClient > 1 ? undefined : parallelRequired;
      clients = new HubClientsImpl(this.hub.manager, connection.connectionId, refusal);
      this.callerClients.set(connection, clients);
    }
    return clients;
  }
}
