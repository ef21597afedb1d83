import type { ConnectionStats } from '../hub-stats.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType } from '../protocol/messages.js';
import type { SerializedMessage } from '../protocol/serialized-message.js';
import type { HubCallerContext, HubUser, RequestInfo, TransportKind } from '../shared-types.js';
import type { HttpConnection } from '../transport/http-connection.js';
import type { InvocationLimiter } from './invocation-limiter.js';
import type { OutboundQueue } from './outbound-queue.js';

/** A client-to-server stream as the connection keeps it: fed by StreamItems, ended by a Completion or the connection's end. */
export interface UploadStream {
  /** Adds an item; returns a promise to await when the stream's buffer is full. */
  push(item: unknown): Promise<void> | undefined;
  /** Ends the stream; an error makes its reader throw it. */
  complete(error?: Error): void;
}

/**
 * One hub connection after its handshake: who it is and the state it keeps (items, running
 * streams, upload streams, the abort signal). Its write path is its OutboundQueue and its limits
 * its InvocationLimiter. Hubs see it through the narrower HubCallerContext. What most connections
 * never use (items, streams, the abort signal) is made on first use: idle connections are the
 * common case.
 */
export class HubConnectionContext implements HubCallerContext {
  /** Why the server closed the connection, handed to onDisconnected. */
  closeError: Error | undefined;
  private itemsMap: Map<unknown, unknown> | undefined;
  private streams: Map<string, AbortController> | undefined;
  private uploads: Map<string, UploadStream> | undefined;
  private abortController: AbortController | undefined;
  private ended = false;

  constructor(
    readonly transportConnection: HttpConnection,
    readonly protocol: HubProtocol,
    readonly user: HubUser | undefined,
    readonly userIdentifier: string | undefined,
    readonly outbound: OutboundQueue,
    readonly limiter: InvocationLimiter,
  ) {}

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
    return !this.outbound.isOpen;
  }

  /** Sends one message; see OutboundQueue.write. */
  write(message: HubMessage, onFlushed?: () => void): Promise<void> | undefined {
    return this.outbound.write(message, onFlushed);
  }

  /** Sends a message serialized for many connections; see OutboundQueue.writeSerialized. */
  writeSerialized(message: SerializedMessage): Promise<void> | undefined {
    return this.outbound.writeSerialized(message);
  }

  /** What this connection's outbound side looks like now. */
  outboundStats(): ConnectionStats {
    return { connectionId: this.connectionId, transport: this.transport, ...this.outbound.state() };
  }

  /** Sends a Close message and ends the transport. */
  close(error?: string, allowReconnect?: boolean): void {
    if (this.isClosed) return;
    this.outbound.write({ type: MessageType.Close, ...(error === undefined ? {} : { error }), ...(allowReconnect ? { allowReconnect } : {}) });
    this.outbound.close();
    this.transportConnection.close();
  }

  abort(): void {
    this.close();
  }

  /** Ends the transport without a Close message: the client said it is leaving. */
  end(): void {
    if (this.isClosed) return;
    this.outbound.close();
    this.transportConnection.close();
  }

  /** Marks the connection ended and cancels whatever still depends on it. */
  markEnded(): void {
    this.outbound.close();
    this.ended = true;
    this.outbound.reconnectBuffer?.dispose();
    this.abortController?.abort();
  }
}
