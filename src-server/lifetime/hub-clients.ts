import { InvalidOperationError } from '../errors.js';
import { MessageType } from '../protocol/messages.js';
import { type ClientProxy, type DynamicClient, type SingleClientProxy, createClientProxy } from './client-proxy.js';
import type { ClientTarget, HubLifetimeManager } from './lifetime-manager.js';

/** Every way to address connections, from a hub or from outside one. */
export interface HubClients<TClient = DynamicClient> {
  readonly all: ClientProxy<TClient>;
  allExcept(excludedConnectionIds: readonly string[]): ClientProxy<TClient>;
  client(connectionId: string): SingleClientProxy<TClient>;
  clients(connectionIds: readonly string[]): ClientProxy<TClient>;
  group(groupName: string): ClientProxy<TClient>;
  groupExcept(groupName: string, excludedConnectionIds: readonly string[]): ClientProxy<TClient>;
  groups(groupNames: readonly string[]): ClientProxy<TClient>;
  user(userId: string): ClientProxy<TClient>;
  users(userIds: readonly string[]): ClientProxy<TClient>;
}

/** The targets a hub method adds, relative to the connection that called it. */
export interface HubCallerClients<TClient = DynamicClient> extends HubClients<TClient> {
  readonly caller: SingleClientProxy<TClient>;
  readonly others: ClientProxy<TClient>;
  othersInGroup(groupName: string): ClientProxy<TClient>;
}

/** Adds and removes connections from groups. */
export interface GroupManager {
  addToGroup(connectionId: string, groupName: string): Promise<void>;
  removeFromGroup(connectionId: string, groupName: string): Promise<void>;
}

/** Implements `clients.*` over a lifetime manager. */
export class HubClientsImpl<TClient = DynamicClient> implements HubCallerClients<TClient> {
  private allProxy: ClientProxy<TClient> | undefined;

  /**
   * @param callerId the calling connection, for caller/others; absent outside hub methods.
   * @param invokeRefusal when set, client results are refused with this reason (ASP.NET Core's rules).
   */
  constructor(
    private readonly manager: HubLifetimeManager,
    private readonly callerId?: string,
    private readonly invokeRefusal?: string,
  ) {}

  get all(): ClientProxy<TClient> {
    return (this.allProxy ??= this.proxy({ kind: 'all' }));
  }

  allExcept(excludedConnectionIds: readonly string[]): ClientProxy<TClient> {
    return this.proxy({ kind: 'all', excluded: [...excludedConnectionIds] });
  }

  client(connectionId: string): SingleClientProxy<TClient> {
    return createClientProxy<TClient>(
      (method, args, key) => this.send({ kind: 'connections', connectionIds: [connectionId] }, method, args, key),
      (method, args, signal) => this.invoke(connectionId, method, args, signal),
    );
  }

  clients(connectionIds: readonly string[]): ClientProxy<TClient> {
    return this.proxy({ kind: 'connections', connectionIds: [...connectionIds] });
  }

  group(groupName: string): ClientProxy<TClient> {
    return this.proxy({ kind: 'groups', groupNames: [groupName] });
  }

  groupExcept(groupName: string, excludedConnectionIds: readonly string[]): ClientProxy<TClient> {
    return this.proxy({ kind: 'groups', groupNames: [groupName], excluded: [...excludedConnectionIds] });
  }

  groups(groupNames: readonly string[]): ClientProxy<TClient> {
    return this.proxy({ kind: 'groups', groupNames: [...groupNames] });
  }

  user(userId: string): ClientProxy<TClient> {
    return this.proxy({ kind: 'users', userIds: [userId] });
  }

  users(userIds: readonly string[]): ClientProxy<TClient> {
    return this.proxy({ kind: 'users', userIds: [...userIds] });
  }

  get caller(): SingleClientProxy<TClient> {
    return this.client(this.requireCaller());
  }

  get others(): ClientProxy<TClient> {
    return this.proxy({ kind: 'all', excluded: [this.requireCaller()] });
  }

  othersInGroup(groupName: string): ClientProxy<TClient> {
    return this.proxy({ kind: 'groups', groupNames: [groupName], excluded: [this.requireCaller()] });
  }

  private proxy(target: ClientTarget): ClientProxy<TClient> {
    return createClientProxy<TClient>((method, args, key) => this.send(target, method, args, key));
  }

  private send(target: ClientTarget, method: string, args: unknown[], conflationKey: string | undefined): Promise<void> {
    return this.manager.send(target, { type: MessageType.Invocation, target: method, arguments: args }, conflationKey);
  }

  private invoke(connectionId: string, method: string, args: unknown[], signal: AbortSignal | undefined): Promise<unknown> {
    if (this.invokeRefusal !== undefined) return Promise.reject(new InvalidOperationError(this.invokeRefusal));
    return this.manager.invokeConnection(connectionId, method, args, signal);
  }

  private requireCaller(): string {
    if (this.callerId === undefined) throw new InvalidOperationError('There is no caller outside a hub method.');
    return this.callerId;
  }
}

/** The clients and groups of a hub, usable outside hub methods (background producers). */
export interface HubContext<TClient = DynamicClient> {
  readonly clients: HubClients<TClient>;
  readonly groups: GroupManager;
}

/** Group operations delegated to the lifetime manager. */
export function groupManagerFor(manager: HubLifetimeManager): GroupManager {
  return {
    addToGroup: (connectionId, groupName) => manager.addToGroup(connectionId, groupName),
    removeFromGroup: (connectionId, groupName) => manager.removeFromGroup(connectionId, groupName),
  };
}

/**
 * The clients and groups of the hub that `manager` serves, like ASP.NET Core's IHubContext: it
 * needs only the lifetime manager, so the services a hub is given can hold one before the hub is
 * mapped. Sends work once the hub is mapped with this manager (a backplane learns its channels then).
 */
export function createHubContext<TClient = DynamicClient>(manager: HubLifetimeManager): HubContext<TClient> {
  return { clients: new HubClientsImpl<TClient>(manager), groups: groupManagerFor(manager) };
}
