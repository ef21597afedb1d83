import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { InvalidOperationError, OperationCanceledError } from '../errors.js';
import type { ClientTarget, HubBinding, HubLifetimeManager, ManagedConnection } from '../lifetime/lifetime-manager.js';
import { MemoryLifetimeManager } from '../lifetime/memory-lifetime-manager.js';
import { SerializedMessage } from '../protocol/serialized-message.js';
import { type Logger, createLogger } from '../log.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import type { CompletionMessage, InvocationMessage } from '../protocol/messages.js';
import { BackplaneUnavailableError } from './backplane-errors.js';
import { BackplaneHealth, type BackplaneStatus, type BackplaneStatusListener, type RedisLink } from './backplane-health.js';
import { ClientResultRelay } from './client-result-relay.js';
import { GroupAcks } from './group-acks.js';
import { framesFor, receivedMessage } from './protocol-frames.js';
import { type ChannelRoute, RedisChannels } from './redis-channels.js';
import { type RedisEndpoint, createRedisConnection } from './redis-connection.js';
import {
  type BackplaneInvocation,
  type GroupCommand,
  GroupAction,
  decodeAck,
  decodeGroupCommand,
  decodeInvocation,
  decodeResultReply,
  encodeAck,
  encodeGroupCommand,
  encodeInvocation,
} from './redis-protocol.js';
import { RedisSubscriptions, type SubscriptionAction } from './redis-subscriptions.js';

/** Settings of a Redis lifetime manager: where Redis is, and how this application names its channels. */
export interface RedisLifetimeManagerOptions extends RedisEndpoint {
  /** Goes in front of every channel name so applications can share one Redis; the hub's name follows it. */
  readonly channelPrefix?: string;
  /**
   * The hub's name in channel names; defaults to the path it is mapped at. Servers share a hub when
   * prefix and name match: to share one with ASP.NET Core servers, give the full name of their hub
   * class (namespace and class, e.g. "MyApp.Hubs.ChatHub"), which is what they use.
   */
  readonly hubName?: string;
  /** This server's name, unique in the deployment; defaults to host name, process id and a random suffix. */
  readonly serverName?: string;
  /**
   * How long a group change for a connection on another server waits for that server; default
   * 30 000 ms, as ASP.NET Core's Redis backplane waits, so a busy node is not mistaken for a gone one.
   */
  readonly groupAckTimeoutMs?: number;
  /** How long one Redis command may take before it counts as failed; default 2000 ms. */
  readonly commandTimeoutMs?: number;
  /** Defaults to the hub's logger. */
  readonly logger?: Logger;
}

/** Running totals of the traffic through Redis. */
export interface BackplaneStats {
  /** Messages published to Redis. */
  readonly published: number;
  /** Messages that could not be published, so no other server saw them. */
  readonly publishFailures: number;
  /** Messages received from other servers. */
  readonly received: number;
}

interface AttachedHub {
  readonly path: string;
  readonly channels: RedisChannels;
  readonly protocols: ReadonlyMap<string, HubProtocol>;
  readonly results: ClientResultRelay;
}

type InvocationRoute = Extract<ChannelRoute, { kind: 'all' | 'connection' | 'group' | 'user' }>;

// The holder of the channels every server of the hub listens on, whatever its connections need;
// connection ids, the other holders, are never empty.
const serverHolder = '';
// How soon to try again after Redis refused a subscription on a connection that stayed up.
const resubscribeDelayMs = 1000;

/**
 * A lifetime manager for hub servers that share a Redis, so that they behave as one: every
 * `clients.*` target, group change and client result reaches connections on every server.
 * Each server delivers to its own connections directly and publishes for the others, so its own
 * connections never depend on Redis; while Redis is away the status is 'degraded' and what could
 * not reach other servers is counted. Group membership stays in each server's memory, as in
 * ASP.NET Core: nothing is stored in Redis, so a server that dies leaves nothing stale behind.
 */
export class RedisLifetimeManager implements HubLifetimeManager {
  /** This server's name, which its private channels end with. */
  readonly serverName: string;
  private readonly local = new MemoryLifetimeManager();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly subscriptions: RedisSubscriptions;
  private readonly health = new BackplaneHealth();
  private readonly acks: GroupAcks;
  private readonly counts = { published: 0, publishFailures: 0, received: 0 };
  private logger: Logger;
  private hub: AttachedHub | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: RedisLifetimeManagerOptions = {}) {
    this.serverName = options.serverName ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.logger = options.logger ?? createLogger('silent');
    const commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    this.publisher = createRedisConnection(options, `${this.serverName}:publish`, commandTimeoutMs);
    this.subscriber = createRedisConnection(options, `${this.serverName}:subscribe`, commandTimeoutMs);
    this.subscriptions = new RedisSubscriptions(this.subscriber, (action, channels, error) => this.subscriptionFailed(action, channels, error));
    this.acks = new GroupAcks(options.groupAckTimeoutMs ?? 30_000);
  }

  /** 'healthy' while both Redis connections are up and subscribed; 'degraded' while only this server's connections are reached. */
  get status(): BackplaneStatus {
    return this.health.status;
  }

  /** Why the status is what it is. */
  get statusMessage(): string {
    return this.health.message;
  }

  /** Calls `listener` on every change of status; returns a function that stops the calls. */
  onStatus(listener: BackplaneStatusListener): () => void {
    return this.health.listen((status, message) => {
      try {
        listener(status, message);
      } catch (error) {
        this.logger.error('a backplane status listener threw', { error });
      }
    });
  }

  /** Running totals: published, publishFailures, received. */
  get stats(): BackplaneStats {
    return { ...this.counts };
  }

  /** Names the hub's channels (after its path unless `hubName` says) and connects to Redis; Redis may be away, which only degrades the status. */
  attach(hub: HubBinding): void {
    if (this.hub) throw new InvalidOperationError(`This Redis lifetime manager already serves '${this.hub.path}'; create one for each hub.`);
    const channels = new RedisChannels(this.options.channelPrefix ?? '', this.options.hubName ?? hub.path, this.serverName);
    const results = new ClientResultRelay(this.serverName, channels, hub.protocols, (channel, payload) => this.publish(channel, payload));
    this.hub = { path: hub.path, channels, protocols: hub.protocols, results };
    this.local.attach(hub);
    const logger = (this.logger = (this.options.logger ?? hub.logger).child({ backplane: 'redis', server: this.serverName }));
    this.health.listen((status, message) => (status === 'healthy' ? logger.info(message) : logger.warn(`backplane degraded: ${message}`)));
    this.watch(this.publisher, 'publisher');
    this.watch(this.subscriber, 'subscriber');
    this.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.receive(channel.toString(), payload));
    for (const channel of [channels.all, channels.groupCommands, channels.ownAck, channels.ownReturn]) void this.subscriptions.hold(channel, serverHolder);
    // A failed first attempt is reported through the connection's events, and ioredis keeps retrying.
    for (const connection of [this.publisher, this.subscriber]) connection.connect().catch(() => undefined);
  }

  async onConnected(connection: ManagedConnection): Promise<void> {
    await this.local.onConnected(connection);
    const { channels } = this.attached();
    const id = connection.connectionId;
    const subscribed = [this.subscriptions.hold(channels.connection(id), id)];
    if (connection.userIdentifier !== undefined) subscribed.push(this.subscriptions.hold(channels.user(connection.userIdentifier), id));
    await Promise.all(subscribed);
  }

  async onDisconnected(connection: ManagedConnection): Promise<void> {
    await this.local.onDisconnected(connection);
    this.subscriptions.releaseAll(connection.connectionId);
    this.attached().results.connectionEnded(connection.connectionId);
  }

  /** Delivers to this server's connections at once and publishes once for the others; never fails because of Redis. */
  send(target: ClientTarget, message: InvocationMessage, conflationKey?: string): Promise<void> {
    const serialized = new SerializedMessage(message, conflationKey);
    const delivered = this.local.sendSerialized(target, serialized);
    const hub = this.attached();
    const channels = this.channelsFor(target, hub.channels);
    if (channels.length === 0) return delivered;
    const payload = encodeInvocation({
      excludedIds: target.kind === 'all' || target.kind === 'groups' ? (target.excluded ?? []) : [],
      frames: framesFor(serialized, hub.protocols),
      serverName: this.serverName,
      conflationKey,
    });
    return Promise.all([delivered, ...channels.map((channel) => this.publish(channel, payload))]).then(() => undefined);
  }

  /** For a connection on another server, resolves once that server acknowledged, or rejects with GroupAckTimeoutError. */
  addToGroup(connectionId: string, groupName: string): Promise<void> {
    if (this.local.connection(connectionId)) return this.addLocally(connectionId, groupName);
    return this.sendGroupCommand(GroupAction.add, connectionId, groupName);
  }

  /** For a connection on another server, resolves once that server acknowledged, or rejects with GroupAckTimeoutError. */
  removeFromGroup(connectionId: string, groupName: string): Promise<void> {
    if (this.local.connection(connectionId)) return this.removeLocally(connectionId, groupName);
    return this.sendGroupCommand(GroupAction.remove, connectionId, groupName);
  }

  /** For a connection on another server, the invocation goes through Redis and the answer comes back the same way. */
  invokeConnection(connectionId: string, target: string, args: readonly unknown[], signal?: AbortSignal): Promise<unknown> {
    if (this.local.connection(connectionId)) return this.local.invokeConnection(connectionId, target, args, signal);
    return this.attached().results.invoke(connectionId, target, args, signal);
  }

  /** Settles a local wait, or forwards the answer to the server that awaits it. */
  setConnectionResult(connectionId: string, completion: CompletionMessage): boolean {
    if (this.local.setConnectionResult(connectionId, completion)) return true;
    const connection = this.local.connection(connectionId);
    return connection !== undefined && this.attached().results.forward(connection, completion);
  }

  /** Unsubscribes, closes both Redis connections, and cancels whatever still waits on another server. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.resubscribeTimer);
    this.health.end();
    const error = new OperationCanceledError('The Redis lifetime manager was disposed.');
    this.acks.failAll(error);
    this.hub?.results.cancelAll(error);
    await this.subscriptions.clear();
    await Promise.all([closeConnection(this.publisher), closeConnection(this.subscriber)]);
    await this.local.dispose();
  }

  private attached(): AttachedHub {
    if (!this.hub) throw new InvalidOperationError('The Redis lifetime manager is not serving a hub yet; pass it to mapHub.');
    return this.hub;
  }

  private watch(connection: Redis, link: RedisLink): void {
    let lastError: string | undefined;
    connection.on('error', (error: Error) => {
      lastError = error.message;
      this.logger.debug('Redis connection error', { link, error });
    });
    connection.on('close', () => this.health.lost(link, `The ${link} connection to Redis is down${lastError ? ` (${lastError})` : ''}.`));
    connection.on('ready', () => {
      lastError = undefined;
      if (link === 'publisher') this.health.up(link);
      else void this.resubscribe();
    });
  }

  /** Subscribes every channel still needed on the (new) subscriber connection; healthy again once Redis took them all. */
  private async resubscribe(): Promise<void> {
    if ((await this.subscriptions.restore()) && this.subscriber.status === 'ready') this.health.up('subscriber');
  }

  private subscriptionFailed(action: SubscriptionAction, channels: readonly string[], error: unknown): void {
    if (this.disposed) return;
    if (action === 'unsubscribe') {
      // A channel left subscribed only brings messages no local connection takes.
      this.logger.debug('Redis unsubscribe failed', { channels: channels.length, error });
      return;
    }
    this.logger.warn('Redis subscribe failed', { channels: channels.length, error });
    const reason = error instanceof Error ? error.message : String(error);
    this.health.lost('subscriber', `Redis did not take ${channels.length} subscription(s) (${reason}).`);
    // After a reconnect the 'ready' event resubscribes; a refusal on a live connection needs another try.
    this.resubscribeTimer ??= setTimeout(() => {
      this.resubscribeTimer = undefined;
      if (!this.disposed && this.subscriber.status === 'ready') void this.resubscribe();
    }, resubscribeDelayMs).unref();
  }

  private channelsFor(target: ClientTarget, channels: RedisChannels): string[] {
    switch (target.kind) {
      case 'all':
        return [channels.all];
      case 'connections':
        return target.connectionIds.filter((id) => !this.local.connection(id)).map((id) => channels.connection(id));
      case 'groups':
        return target.groupNames.map((name) => channels.group(name));
      case 'users':
        return target.userIds.map((id) => channels.user(id));
    }
  }

  /** Publishes one payload; resolves with the number of servers listening, or undefined when Redis did not take it. */
  private async publish(channel: string, payload: Buffer): Promise<number | undefined> {
    try {
      const receivers = await this.publisher.publish(channel, payload);
      this.counts.published++;
      return receivers;
    } catch (error) {
      this.counts.publishFailures++;
      this.logger.debug('Redis publish failed', { channel, error });
      return undefined;
    }
  }

  private receive(channel: string, payload: Buffer): void {
    const route = this.hub?.channels.route(channel);
    if (!route) return;
    try {
      switch (route.kind) {
        case 'groupCommands':
          return void this.applyGroupCommand(decodeGroupCommand(payload)).catch((error: unknown) =>
            this.logger.warn('a group command from another server failed', { error }),
          );
        case 'ack':
          this.counts.received++;
          return this.acks.ack(decodeAck(payload));
        case 'return':
          this.counts.received++;
          return this.attached().results.settle(decodeResultReply(payload));
        default:
          return this.deliver(route, decodeInvocation(payload));
      }
    } catch (error) {
      this.logger.warn('ignored a backplane message that could not be handled', { channel, error });
    }
  }

  private deliver(route: InvocationRoute, invocation: BackplaneInvocation): void {
    // This server delivered its own messages when it sent them.
    if (invocation.serverName === this.serverName) return;
    this.counts.received++;
    const hub = this.attached();
    const { invocationId, returnChannel } = invocation;
    if (route.kind === 'connection' && invocationId !== undefined && returnChannel !== undefined) {
      hub.results.owe(route.connectionId, invocationId, hub.channels.returnChannel(returnChannel), this.local.connection(route.connectionId), invocation.frames);
    }
    const message = receivedMessage(invocation.frames, hub.protocols, invocation.conflationKey);
    void this.local.sendSerialized(targetOf(route, invocation.excludedIds), message);
  }

  private async applyGroupCommand(command: GroupCommand): Promise<void> {
    if (command.serverName === this.serverName) return;
    this.counts.received++;
    if (!this.local.connection(command.connectionId)) return;
    if (command.action === GroupAction.add) await this.addLocally(command.connectionId, command.groupName);
    else await this.removeLocally(command.connectionId, command.groupName);
    await this.publish(this.attached().channels.ack(command.serverName), encodeAck(command.id));
  }

  private async addLocally(connectionId: string, groupName: string): Promise<void> {
    await this.local.addToGroup(connectionId, groupName);
    await this.subscriptions.hold(this.attached().channels.group(groupName), connectionId);
  }

  private async removeLocally(connectionId: string, groupName: string): Promise<void> {
    await this.local.removeFromGroup(connectionId, groupName);
    this.subscriptions.release(this.attached().channels.group(groupName), connectionId);
  }

  private sendGroupCommand(action: GroupAction, connectionId: string, groupName: string): Promise<void> {
    const hub = this.attached();
    const what =
      action === GroupAction.add
        ? `Adding connection '${connectionId}' to group '${groupName}'`
        : `Removing connection '${connectionId}' from group '${groupName}'`;
    const { id, acked } = this.acks.expect(what);
    void this.publish(hub.channels.groupCommands, encodeGroupCommand({ id, serverName: this.serverName, action, groupName, connectionId })).then(
      (receivers) => {
        if (receivers === undefined) this.acks.fail(id, new BackplaneUnavailableError(`${what} needs the server that holds the connection, but Redis is unreachable.`));
      },
    );
    return acked;
  }
}

/** Creates a lifetime manager that makes hub servers sharing a Redis behave as one; pass one to each `mapHub`. */
export function createRedisLifetimeManager(options?: RedisLifetimeManagerOptions): RedisLifetimeManager {
  return new RedisLifetimeManager(options);
}

function targetOf(route: InvocationRoute, excluded: readonly string[]): ClientTarget {
  switch (route.kind) {
    case 'all':
      return { kind: 'all', excluded };
    case 'group':
      return { kind: 'groups', groupNames: [route.groupName], excluded };
    case 'user':
      return { kind: 'users', userIds: [route.userId] };
    case 'connection':
      return { kind: 'connections', connectionIds: [route.connectionId] };
  }
}

async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // The connection broke while quitting; dropping it below is all that is left to do.
    }
  }
  connection.disconnect();
}
