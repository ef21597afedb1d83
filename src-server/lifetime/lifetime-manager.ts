import type { Logger } from '../log.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import type { CompletionMessage, HubMessage, InvocationMessage } from '../protocol/messages.js';
import type { SerializedMessage } from '../protocol/serialized-message.js';

/**
 * What a lifetime manager needs of a connection: who it is and how to write to it. Narrower than
 * the connection layer's own class, so managers can be tested with plain objects.
 */
export interface ManagedConnection {
  readonly connectionId: string;
  /** The id `clients.user(...)` finds the connection by; undefined when anonymous. */
  readonly userIdentifier: string | undefined;
  /** The protocol the connection speaks, for messages framed once per protocol. */
  readonly protocol: HubProtocol;
  /** Serializes and sends one message; a promise means a stateful-reconnect buffer is full. */
  write(message: HubMessage): Promise<void> | undefined;
  /** Sends a message already serialized for many connections; resolves as `write` does. */
  writeSerialized(message: SerializedMessage): Promise<void> | undefined;
}

/** The set of connections a message is sent to. One union serves every `clients.*` target. */
export type ClientTarget =
  | { readonly kind: 'all'; readonly excluded?: readonly string[] }
  | { readonly kind: 'connections'; readonly connectionIds: readonly string[] }
  | { readonly kind: 'groups'; readonly groupNames: readonly string[]; readonly excluded?: readonly string[] }
  | { readonly kind: 'users'; readonly userIds: readonly string[] };

/** What the server tells a lifetime manager about the hub it serves, when the hub is mapped. */
export interface HubBinding {
  /** The path the hub is mapped at, e.g. "/hubs/chat"; the same on every server of a deployment. */
  readonly path: string;
  /** The protocols the hub accepts, by name; a backplane serializes each message once for each. */
  readonly protocols: ReadonlyMap<string, HubProtocol>;
  readonly logger: Logger;
  /** Groups one connection may be in at once; null means no cap. */
  readonly maximumGroupsPerConnection: number | null;
}

/**
 * Tracks a hub's connections and groups and delivers messages to them. The in-memory manager
 * serves one process; a backplane implementation makes several processes behave as one.
 */
export interface HubLifetimeManager {
  /** Called once by `mapHub`, before any connection arrives; managers that need nothing from the hub omit it. */
  attach?(hub: HubBinding): void;
  onConnected(connection: ManagedConnection): Promise<void>;
  onDisconnected(connection: ManagedConnection): Promise<void>;
  /** Sends to every connection of `target`; `conflationKey` marks latest-value data (see SerializedMessage). */
  send(target: ClientTarget, message: InvocationMessage, conflationKey?: string): Promise<void>;
  addToGroup(connectionId: string, groupName: string): Promise<void>;
  removeFromGroup(connectionId: string, groupName: string): Promise<void>;
  /** Invokes a client method on one connection and resolves with the client's result. */
  invokeConnection(connectionId: string, target: string, args: readonly unknown[], signal?: AbortSignal): Promise<unknown>;
  /** Routes a client's Completion to the pending `invokeConnection` call; false if none matches. */
  setConnectionResult(connectionId: string, completion: CompletionMessage): boolean;
  /** Releases timers and outside resources when the server closes. */
  dispose(): Promise<void>;
}
