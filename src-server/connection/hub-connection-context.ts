import type { HubCallerContext, HubUser, RequestInfo } from '../dispatch/hub.js';
import { InvocationLimiter } from '../dispatch/invocation-limiter.js';
import type { SerializedMessage } from '../lifetime/serialized-message.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType, isSequencedMessage } from '../protocol/messages.js';
import type { HttpConnection } from '../transport/http-connection.js';
import type { ConnectionStats, HubStats } from '../hub-stats.js';
import type { HubOptions, TransportKind } from '../options.js';
import type { Clock } from './heartbeat.js';
import type { ClientStream } from '../dispatch/client-stream.js';
import { OutboundOverflowError } from '../errors.js';
import { TokenBucket } from '../security/token-bucket.js';
import type { ReconnectBuffer } from './reconnect-buffer.js';

/**
 * One hub connection after its handshake: who it is, what it runs, and the way to write to it.
 * Hubs see it through the narrower HubCallerContext.
 */
export class HubConnectionContext implements HubCallerContext {
  readonly items = new Map<unknown, unknown>();
  readonly limiter: InvocationLimiter;
  /** Invocation ids in use by this client's running stream invocations, for CancelInvocation. */
  readonly activeStreams = new Map<string, AbortController>();
  /** Client-to-server streams feeding running invocations, by stream id. */
  readonly uploadStreams = new Map<string, ClientStream>();
  /** Present when the client negotiated stateful reconnect. */
  reconnectBuffer: ReconnectBuffer | undefined;
  /** Why the server closed the connection, handed to onDisconnected. */
  closeError: Error | undefined;
  lastReceivedAt: number;
  lastSentAt: number;
  /** Latest-value messages replaced while this connection was behind. */
  conflations = 0;
  private pendingLatest: Map<string, SerializedMessage> | undefined;
  private readonly abortController = new AbortController();
  private readonly slowConsumerBufferSize: number;
  private readonly maximumOutboundBufferSize: number | null;
  private readonly invocationBucket: TokenBucket | undefined;
  private closed = false;

  constructor(
    readonly transportConnection: HttpConnection,
    readonly protocol: HubProtocol,
    readonly user: HubUser | undefined,
    readonly userIdentifier: string | undefined,
    options: Pick<HubOptions, 'maximumParallelInvocationsPerClient' | 'slowConsumerBufferSize' | 'maximumOutboundBufferSize' | 'invocationRateLimit'>,
    private readonly stats: HubStats,
    private readonly clock: Clock,
  ) {
    this.limiter = new InvocationLimiter(options.maximumParallelInvocationsPerClient);
    this.slowConsumerBufferSize = options.slowConsumerBufferSize;
    this.maximumOutboundBufferSize = options.maximumOutboundBufferSize;
    const rate = options.invocationRateLimit;
    this.invocationBucket = rate ? new TokenBucket(rate.perSecond, rate.burst, clock()) : undefined;
    this.lastReceivedAt = this.lastSentAt = clock();
  }

  get connectionId(): string {
    return this.transportConnection.connectionId;
  }

  get request(): RequestInfo {
    return this.transportConnection.request;
  }

  get transport(): TransportKind {
    return this.transportConnection.transportKind!;
  }

  get connectionAborted(): AbortSignal {
    return this.abortController.signal;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Serializes and sends one message; `onFlushed` runs once the transport has handed it on.
   * Returns a promise when a stateful-reconnect buffer is full: the client must acknowledge first.
   */
  write(message: HubMessage, onFlushed?: () => void): Promise<void> | undefined {
    if (this.closed) {
      onFlushed?.();
      return undefined;
    }
    return this.send(message, this.protocol.writeMessage(message), onFlushed);
  }

  /**
   * Sends a message serialized once for many connections; returns a promise as `write` does.
   * Latest-value messages wait, conflated by key, while the connection is behind.
   */
  writeSerialized(message: SerializedMessage): Promise<void> | undefined {
    if (this.closed) return undefined;
    const key = message.conflationKey;
    if (key !== undefined && (this.pendingLatest !== undefined || this.isBehind())) {
      this.pendingLatest ??= new Map();
      if (this.pendingLatest.has(key)) {
        this.conflations++;
        this.stats.conflations++;
        this.pendingLatest.delete(key);
      }
      this.pendingLatest.set(key, message);
      return undefined;
    }
    return this.send(message.message, message.for(this.protocol));
  }

  /** Sends the held latest-value messages once the connection has caught up. */
  flushLatest(): void {
    const pending = this.pendingLatest;
    if (!pending || this.closed || this.isBehind()) return;
    this.pendingLatest = undefined;
    for (const message of pending.values()) this.send(message.message, message.for(this.protocol));
  }

  /** What this connection's outbound side looks like now. */
  outboundStats(): ConnectionStats {
    return {
      connectionId: this.connectionId,
      transport: this.transport,
      bufferedAmount: this.transportConnection.bufferedAmount,
      conflations: this.conflations,
      pendingLatest: this.pendingLatest?.size ?? 0,
    };
  }

  private isBehind(): boolean {
    return this.transportConnection.bufferedAmount > this.slowConsumerBufferSize;
  }

  /** Sends a Close message and ends the transport. */
  close(error?: string, allowReconnect?: boolean): void {
    if (this.closed) return;
    this.write({ type: MessageType.Close, ...(error === undefined ? {} : { error }), ...(allowReconnect ? { allowReconnect } : {}) });
    this.closed = true;
    this.transportConnection.close();
  }

  abort(): void {
    this.close();
  }

  /** Ends the transport without a Close message: the client said it is leaving. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.transportConnection.close();
  }

  /** Marks the connection ended and cancels whatever still depends on it. */
  markEnded(): void {
    this.closed = true;
    this.reconnectBuffer?.dispose();
    this.abortController.abort();
  }

  private send(message: HubMessage, data: string | Uint8Array, onFlushed?: () => void): Promise<void> | undefined {
    const buffer = this.reconnectBuffer;
    if (buffer && isSequencedMessage(message)) {
      const full = buffer.record(data);
      if (buffer.connected) this.transportConnection.send(data, onFlushed);
      else onFlushed?.();
      this.sent();
      return full;
    }
    this.transportConnection.send(data, onFlushed);
    this.sent();
    return undefined;
  }

  /** Takes one invocation from the rate limit; false when the client is over it. */
  allowInvocation(): boolean {
    return this.invocationBucket?.take(this.clock()) ?? true;
  }

  private sent(): void {
    this.lastSentAt = this.clock();
    this.stats.messagesSent++;
    // A client that stops reading must not make the server hold an unbounded backlog for it.
    const cap = this.maximumOutboundBufferSize;
    if (cap !== null && this.transportConnection.bufferedAmount > cap && !this.closed) {
      this.closed = true;
      this.transportConnection.abort(new OutboundOverflowError(cap));
    }
  }
}
