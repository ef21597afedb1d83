import type { HubCallerContext, HubUser, RequestInfo } from '../dispatch/hub.js';
import { InvocationLimiter } from '../dispatch/invocation-limiter.js';
import type { SerializedMessage } from '../lifetime/serialized-message.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType } from '../protocol/messages.js';
import type { HttpConnection } from '../transport/http-connection.js';
import type { Clock } from './heartbeat.js';
import type { ClientStream } from '../dispatch/client-stream.js';

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
  /** Why the server closed the connection, handed to onDisconnected. */
  closeError: Error | undefined;
  lastReceivedAt: number;
  lastSentAt: number;
  private readonly abortController = new AbortController();
  private closed = false;

  constructor(
    readonly transport: HttpConnection,
    readonly protocol: HubProtocol,
    readonly user: HubUser | undefined,
    readonly userIdentifier: string | undefined,
    maximumParallelInvocations: number,
    private readonly clock: Clock,
  ) {
    this.limiter = new InvocationLimiter(maximumParallelInvocations);
    this.lastReceivedAt = this.lastSentAt = clock();
  }

  get connectionId(): string {
    return this.transport.connectionId;
  }

  get request(): RequestInfo {
    return this.transport.request;
  }

  get connectionAborted(): AbortSignal {
    return this.abortController.signal;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Serializes and sends one message; `onFlushed` runs once the transport has handed it on. */
  write(message: HubMessage, onFlushed?: () => void): void {
    if (this.closed) {
      onFlushed?.();
      return;
    }
    this.send(this.protocol.writeMessage(message), onFlushed);
  }

  /** Sends a message serialized once for many connections. */
  writeSerialized(message: SerializedMessage): void {
    if (this.closed) return;
    this.send(message.for(this.protocol));
  }

  /** Sends a Close message and ends the transport. */
  close(error?: string, allowReconnect?: boolean): void {
    if (this.closed) return;
    this.write({ type: MessageType.Close, ...(error === undefined ? {} : { error }), ...(allowReconnect ? { allowReconnect } : {}) });
    this.closed = true;
    this.transport.close();
  }

  abort(): void {
    this.close();
  }

  /** Marks the connection ended and cancels whatever still depends on it. */
  markEnded(): void {
    this.closed = true;
    this.abortController.abort();
  }

  private send(data: string | Uint8Array, onFlushed?: () => void): void {
    this.transport.send(data, onFlushed);
    this.lastSentAt = this.clock();
  }
}
