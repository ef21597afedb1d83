import type { MonotonicClock } from '../clock.js';
import { OutboundOverflowError } from '../errors.js';
import type { ConnectionStats, HubStats } from '../hub-stats.js';
import type { HubOptions } from '../options.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType, isSequencedMessage } from '../protocol/messages.js';
import type { SerializedMessage } from '../protocol/serialized-message.js';
import { TokenBucket } from '../security/token-bucket.js';
import type { HubCallerContext, HubUser, RequestInfo, TransportKind } from '../shared-types.js';
import type { HttpConnection } from '../transport/http-connection.js';
import { InvocationLimiter } from './invocation-limiter.js';
import type { ReconnectBuffer } from './reconnect-buffer.js';

/** The options a connection reads. */
export type ConnectionOptions = Pick<
  HubOptions,
  'maximumParallelInvocationsPerClient' | 'slowConsumerBufferSize' | 'maximumOutboundBufferSize' | 'invocationRateLimit'
>;

/** A client-to-server stream as the connection keeps it: fed by StreamItems, ended by a Completion or the connection's end. */
export interface UploadStream {
  /** Adds an item; returns a promise to await when the stream's buffer is full. */
  push(item: unknown): Promise<void> | undefined;
  /** Ends the stream; an error makes its reader throw it. */
  complete(error?: Error): void;
}

/**
 * One hub connection after its handshake: who it is, what it runs, and the way to write to it.
 * Hubs see it through the narrower HubCallerContext. What most connections never use (items,
 * streams, the abort signal) is made on first use: idle connections are the common case.
 */
export class HubConnectionContext implements HubCallerContext {
  readonly limiter: InvocationLimiter;
  /** Present when the client negotiated stateful reconnect. */
  reconnectBuffer: ReconnectBuffer | undefined;
  /** Why the server closed the connection, handed to onDisconnected. */
  closeError: Error | undefined;
  /** Set on every write and cleared by the heartbeat, which keeps the time: no clock read per message. */
  sentSinceBeat = false;
  /** Set on every read and cleared by the heartbeat. */
  receivedSinceBeat = false;
  lastReceivedAt: number;
  lastSentAt: number;
  /** Latest-value messages replaced while this connection was behind. */
  conflations = 0;
  private itemsMap: Map<unknown, unknown> | undefined;
  private streams: Map<string, AbortController> | undefined;
  private uploads: Map<string, UploadStream> | undefined;
  private abortController: AbortController | undefined;
  private pendingLatest: Map<string, SerializedMessage> | undefined;
  private readonly binary: boolean;
  private readonly slowConsumerBufferSize: number;
  private readonly maximumOutboundBufferSize: number | null;
  private readonly invocationBucket: TokenBucket | undefined;
  private closed = false;
  private ended = false;

  constructor(
    readonly transportConnection: HttpConnection,
    readonly protocol: HubProtocol,
    readonly user: HubUser | undefined,
    readonly userIdentifier: string | undefined,
    options: ConnectionOptions,
    private readonly stats: HubStats,
    private readonly clock: MonotonicClock,
  ) {
    this.limiter = new InvocationLimiter(options.maximumParallelInvocationsPerClient);
    this.binary = protocol.transferFormat === 'Binary';
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

  get items(): Map<unknown, unknown> {
    return (this.itemsMap ??= new Map());
  }

  /** Invocation ids in use by this client's running stream invocations, for CancelInvocation. */
  get activeStreams(): Map<string, AbortController> {
    return (this.streams ??= new Map());
  }

  /** Client-to-server streams feeding running invocations, by stream id. */
  get uploadStreams(): Map<string, UploadStream> {
    return (this.uploads ??= new Map());
  }

  get connectionAborted(): AbortSignal {
    if (!this.abortController) {
      this.abortController = new AbortController();
      if (this.ended) this.abortController.abort();
    }
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
      this.stats.droppedMessages++;
      onFlushed?.();
      return undefined;
    }
    return this.send(this.protocol.writeMessage(message), isSequencedMessage(message), onFlushed);
  }

  /**
   * Sends a message serialized once for many connections (always an Invocation); returns a
   * promise as `write` does. Latest-value messages wait, conflated by key, while the connection is behind.
   */
  writeSerialized(message: SerializedMessage): Promise<void> | undefined {
    if (this.closed) {
      this.stats.droppedMessages++;
      return undefined;
    }
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
    return this.send(message.for(this.protocol), true);
  }

  /** Sends the held latest-value messages once the connection has caught up. */
  flushLatest(): void {
    const pending = this.pendingLatest;
    if (!pending || this.closed || this.isBehind()) return;
    this.pendingLatest = undefined;
    for (const message of pending.values()) this.send(message.for(this.protocol), true);
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
    this.ended = true;
    this.reconnectBuffer?.dispose();
    this.abortController?.abort();
  }

  /** Takes one invocation from the rate limit; false when the client is over it. */
  allowInvocation(): boolean {
    return this.invocationBucket?.take(this.clock()) ?? true;
  }

  /** Milliseconds until the rate limit allows another invocation (0 when it does now). */
  invocationWait(): number {
    return this.invocationBucket?.wait(this.clock()) ?? 0;
  }

  private isBehind(): boolean {
    return this.transportConnection.bufferedAmount > this.slowConsumerBufferSize;
  }

  private send(data: string | Uint8Array, sequenced: boolean, onFlushed?: () => void): Promise<void> | undefined {
    const buffer = this.reconnectBuffer;
    let full: Promise<void> | undefined;
    if (buffer && sequenced) {
      full = buffer.record(data);
      if (buffer.connected) this.transportConnection.send(data, onFlushed, this.binary);
      else onFlushed?.();
    } else {
      this.transportConnection.send(data, onFlushed, this.binary);
    }
    this.sentSinceBeat = true;
    this.stats.messagesSent++;
    this.stats.bytesSent += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    // A client that stops reading must not make the server hold an unbounded backlog for it.
    const cap = this.maximumOutboundBufferSize;
    if (cap !== null && this.transportConnection.bufferedAmount > cap && !this.closed) {
      this.closed = true;
      this.transportConnection.abort(new OutboundOverflowError(cap));
    }
    return full;
  }
}
