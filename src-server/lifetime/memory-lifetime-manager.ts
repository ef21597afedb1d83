import { ConnectionLostError, HubException } from '../errors.js';
import { type CompletionMessage, type InvocationMessage, MessageType } from '../protocol/messages.js';
import { SerializedMessage } from '../protocol/serialized-message.js';
import { ClientResults } from './client-results.js';
import type { ClientTarget, HubBinding, HubLifetimeManager, ManagedConnection } from './lifetime-manager.js';

/**
 * The default lifetime manager: every connection lives in this process. Like ASP.NET Core's,
 * a connection that is in two of the groups (or users) named in one send receives it twice.
 */
export class MemoryLifetimeManager implements HubLifetimeManager {
  private readonly connections = new Map<string, ManagedConnection>();
  private readonly groups = new Map<string, Set<ManagedConnection>>();
  private readonly memberships = new Map<string, Set<string>>();
  private readonly users = new Map<string, Set<ManagedConnection>>();
  private readonly results = new ClientResults();
  private maximumGroups: number | null = null;

  async onConnected(connection: ManagedConnection): Promise<void> {
    this.connections.set(connection.connectionId, connection);
    if (connection.userIdentifier !== undefined) addToIndex(this.users, connection.userIdentifier, connection);
  }

  async onDisconnected(connection: ManagedConnection): Promise<void> {
    this.connections.delete(connection.connectionId);
    for (const group of this.memberships.get(connection.connectionId) ?? []) removeFromIndex(this.groups, group, connection);
    this.memberships.delete(connection.connectionId);
    if (connection.userIdentifier !== undefined) removeFromIndex(this.users, connection.userIdentifier, connection);
    this.results.failConnection(connection.connectionId);
  }

  /** Resolves at once, unless a stateful-reconnect connection's buffer is full: then once it has room. */
  send(target: ClientTarget, message: InvocationMessage, conflationKey?: string): Promise<void> {
    return this.sendSerialized(target, new SerializedMessage(message, conflationKey));
  }

  /** Sends an already serialized message to the connections of `target`; resolves as `send` does. */
  sendSerialized(target: ClientTarget, serialized: SerializedMessage): Promise<void> {
    let waits: Array<Promise<void>> | undefined;
    const deliver = (connection: ManagedConnection) => {
      const wait = connection.writeSerialized(serialized);
      if (wait) (waits ??= []).push(wait);
    };
    switch (target.kind) {
      case 'all':
        for (const connection of this.connections.values()) {
          if (!target.excluded?.includes(connection.connectionId)) deliver(connection);
        }
        break;
      case 'connections':
        for (const id of target.connectionIds) {
          const connection = this.connections.get(id);
          if (connection) deliver(connection);
        }
        break;
      case 'groups':
        for (const name of target.groupNames) {
          for (const connection of this.groups.get(name) ?? []) {
            if (!target.excluded?.includes(connection.connectionId)) deliver(connection);
          }
        }
        break;
      case 'users':
        for (const id of target.userIds) for (const connection of this.users.get(id) ?? []) deliver(connection);
        break;
    }
    return waits ? Promise.all(waits).then(() => undefined) : Promise.resolve();
  }

  /** The connection with this id, if it is connected to this process. */
  connection(connectionId: string): ManagedConnection | undefined {
    return this.connections.get(connectionId);
  }

  attach(hub: HubBinding): void {
    this.maximumGroups = hub.maximumGroupsPerConnection;
  }

  /** Adds a connection of this process to a group; past the hub's cap of groups per connection, refuses with a HubException. */
  async addToGroup(connectionId: string, groupName: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    let names = this.memberships.get(connectionId);
    if (this.maximumGroups !== null && !names?.has(groupName) && (names?.size ?? 0) >= this.maximumGroups) {
      throw new HubException(`A connection can be in at most ${this.maximumGroups} groups.`);
    }
    addToIndex(this.groups, groupName, connection);
    if (!names) this.memberships.set(connectionId, (names = new Set()));
    names.add(groupName);
  }

  async removeFromGroup(connectionId: string, groupName: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) return;
    removeFromIndex(this.groups, groupName, connection);
    this.memberships.get(connectionId)?.delete(groupName);
  }

  invokeConnection(connectionId: string, target: string, args: readonly unknown[], signal?: AbortSignal): Promise<unknown> {
    const connection = this.connections.get(connectionId);
    if (!connection) return Promise.reject(new ConnectionLostError(`Connection '${connectionId}' does not exist.`));
    const invocationId = this.results.newInvocationId();
    const result = this.results.wait(connectionId, invocationId, signal);
    try {
      connection.write({ type: MessageType.Invocation, invocationId, target, arguments: args });
    } catch (error) {
      this.results.fail(invocationId, error as Error);
    }
    return result;
  }

  setConnectionResult(connectionId: string, completion: CompletionMessage): boolean {
    return this.results.complete(connectionId, completion);
  }

  async dispose(): Promise<void> {}
}

function addToIndex<K>(index: Map<K, Set<ManagedConnection>>, key: K, connection: ManagedConnection): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(connection);
}

function removeFromIndex<K>(index: Map<K, Set<ManagedConnection>>, key: K, connection: ManagedConnection): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(connection);
  if (set.size === 0) index.delete(key);
}
