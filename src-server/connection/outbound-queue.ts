import { OutboundOverflowError } from '../errors.js';
import type { ConnectionStats, HubStats } from '../hub-stats.js';
import type { HubOptions } from '../options.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType, isSequencedMessage } from '../protocol/messages.js';
import type { SerializedMessage } from '../protocol/serialized-message.js';
import type { HttpConnection } from '../transport/http-connection.js';
import type { ReconnectBuffer } from './reconnect-buffer.js';

/** The limits a connection's outbound side keeps to. */
export type OutboundLimits = Pick<HubOptions, 'slowConsumerBufferSize' | 'maximumOutboundBufferSize'>;

/**
 * One connection's write path: serializes and sends messages, keeps them for a stateful
 * reconnect, holds latest-value messages back (conflated by key) while the client is behind, and
 * drops a client that lets too much pile up unread.
 */
export class OutboundQueue {
  /** Present when the client negotiated stateful reconnect. */
  reconnectBuffer: ReconnectBuffer | undefined;
  /** Set on every write and cleared by the heartbeat, which keeps the time: no clock read per message. */
  sentSinceBeat = false;
  private conflations = 0;
  private pendingLatest: Map<string, SerializedMessage> | undefined;
  private closed = false;
  private readonly binary: boolean;

  constructor(
    private readonly transport: HttpConnection,
    private readonly protocol: HubProtocol,
    private readonly limits: OutboundLimits,
    private readonly stats: HubStats,
  ) {
    this.binary = protocol.transferFormat === 'Binary';
  }

  /** Whether writes are still taken; false once the connection is closing or was dropped. */
  get isOpen(): boolean {
    return !this.closed;
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

  /** After a stateful reconnect: tells the client where the resent messages start, and resends them. */
  resume(): void {
    const buffer = this.reconnectBuffer;
    if (!buffer) return;
    const { sequenceId, data } = buffer.resend();
    this.write({ type: MessageType.Sequence, sequenceId });
    for (const item of data) this.transport.send(item, undefined, this.binary);
  }

  /** Takes no more writes; what was written still goes out. */
  close(): void {
    this.closed = true;
  }

  /** What the outbound side looks like now. */
  state(): Pick<ConnectionStats, 'bufferedAmount' | 'conflations' | 'pendingLatest'> {
    return { bufferedAmount: this.transport.bufferedAmount, conflations: this.conflations, pendingLatest: this.pendingLatest?.size ?? 0 };
  }

  private isBehind(): boolean {
    return this.transport.bufferedAmount > this.limits.slowConsumerBufferSize;
  }

  private send(data: string | Uint8Array, sequenced: boolean, onFlushed?: () => void): Promise<void> | undefined {
    const buffer = this.reconnectBuffer;
    let full: Promise<void> | undefined;
    if (buffer && sequenced) {
      full = buffer.record(data);
      if (buffer.connected) this.transport.send(data, onFlushed, this.binary);
      else onFlushed?.();
    } else {
      this.transport.send(data, onFlushed, this.binary);
    }
    this.sentSinceBeat = true;
    this.stats.messagesSent++;
    this.stats.bytesSent += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    // A client that stops reading must not make the server hold an unbounded backlog for it.
    const cap = this.limits.maximumOutboundBufferSize;
    if (cap !== null && this.transport.bufferedAmount > cap && !this.closed) {
      this.closed = true;
      this.transport.abort(new OutboundOverflowError(cap));
    }
    return full;
  }
}
