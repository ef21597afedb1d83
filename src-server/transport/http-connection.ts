import type { InboundBudget } from '../security/inbound-budget.js';
import type { HubUser, RequestInfo, TransferFormat, TransportKind } from '../shared-types.js';

/** The layer above a connection's transport: it receives the client's bytes and the end. */
export interface ConnectionApplication {
  onData(chunk: Uint8Array): void;
  /** The transport ended for good; `error` is set when it did not end cleanly. */
  onEnd(error?: Error): void;
  /** The transport dropped and a stateful-reconnect client may come back. */
  onTransportLost?(): void;
  /** A stateful-reconnect client resumed the connection on a new transport. */
  onReconnected?(): void;
  /** The server is shutting down: close gracefully, inviting the client to reconnect. */
  onServerClosing(): void;
  /**
   * The server is draining: let what the client started finish (until `deadline`, by the server's
   * monotonic clock), then close as `onServerClosing` does.
   */
  onServerDraining(deadline: number): Promise<void>;
  /** The transport refused what the client sent (a WebSocket message past the size cap): close with `error`. */
  onInvalidData(error: Error): void;
}

/** The layer above the transports: takes over each connection once a transport carries it. */
export interface ConnectionHandler {
  /** Called once per connection, when its first transport is attached; sets `connection.application`. */
  accept(connection: HttpConnection): void;
}

/** One transport's way to deliver data to the client. */
export interface TransportSink {
  readonly kind: TransportKind;
  /** Formats this transport can carry. */
  readonly transferFormats: readonly TransferFormat[];
  /** Bytes written but not yet handed to the network. */
  readonly bufferedAmount: number;
  /**
   * Queues data for the client; `onFlushed` runs once it has been handed to the network.
   * `binary` tells a text protocol's bytes (sent as text) from a binary protocol's.
   */
  write(data: string | Uint8Array, onFlushed?: () => void, binary?: boolean): void;
  /** Ends the transport once what was written has been flushed. */
  end(): void;
  /** Ends the transport at once, discarding what is waiting (a client that stopped reading). */
  abort(): void;
  /** Stops reading from the client until `resumeReading` (back-pressure on uploads). */
  pauseReading?(): void;
  resumeReading?(): void;
}

export type ConnectionState = 'pending' | 'active' | 'inactive' | 'disposed';

/**
 * A transport-level connection: the id pair negotiate hands out and the transport currently
 * carrying it. It outlives a single socket when stateful reconnect is on.
 */
export class HttpConnection {
  state: ConnectionState = 'pending';
  transportKind: TransportKind | undefined;
  application: ConnectionApplication | undefined;
  /** The authenticated user, if the endpoint authenticates. */
  user: HubUser | undefined;
  /** What the client may still send, when the hub budgets it. */
  inbound: InboundBudget | undefined;
  /** Whether negotiate granted stateful reconnect to this connection. */
  statefulReconnect = false;
  /** When the connection last lost its transport, for the inactivity sweep. */
  inactiveSince: number;
  private sink: TransportSink | undefined;
  private readonly disposeListeners: Array<() => void> = [];

  constructor(
    readonly connectionId: string,
    /** The secret id clients put in `id=`; equal to connectionId for negotiate version 0. */
    readonly connectionToken: string,
    public request: RequestInfo,
    now: number,
  ) {
    this.inactiveSince = now;
  }

  get transferFormats(): readonly TransferFormat[] {
    return this.sink?.transferFormats ?? [];
  }

  get bufferedAmount(): number {
    return this.sink?.bufferedAmount ?? 0;
  }

  /** Binds the transport that now carries this connection. */
  attach(sink: TransportSink, request: RequestInfo): void {
    this.sink = sink;
    this.transportKind = sink.kind;
    this.request = request;
    this.state = 'active';
  }

  /** The transport went away; with stateful reconnect the connection may be resumed. */
  detach(sink: TransportSink, now: number): void {
    if (this.sink !== sink) return;
    this.sink = undefined;
    this.markIdle(now);
    this.application?.onTransportLost?.();
  }

  /** No request is carrying the connection right now (between long polls, or while a client reconnects). */
  markIdle(now: number): void {
    if (this.state !== 'active') return;
    this.state = 'inactive';
    this.inactiveSince = now;
  }

  markActive(): void {
    if (this.state === 'inactive') this.state = 'active';
  }

  send(data: string | Uint8Array, onFlushed?: () => void, binary?: boolean): void {
    if (this.sink) this.sink.write(data, onFlushed, binary);
    else onFlushed?.();
  }

  pauseReading(): void {
    this.sink?.pauseReading?.();
  }

  resumeReading(): void {
    this.sink?.resumeReading?.();
  }

  /** Ends the transport after flushing; the application hears of it through onEnd. */
  close(): void {
    if (this.sink) this.sink.end();
    else this.dispose();
  }

  /** Runs `listener` once the connection is disposed (releasing what it holds, like a connection slot). */
  whenDisposed(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  /** Ends the connection for good, ends its transport and tells the application, once. */
  dispose(error?: Error): void {
    if (this.state === 'disposed') return;
    this.state = 'disposed';
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
    this.application?.onEnd(error);
    for (const listener of this.disposeListeners) listener();
  }

  /** Drops the connection at once, without flushing; the application hears `error`. */
  abort(error: Error): void {
    const sink = this.sink;
    this.sink = undefined;
    sink?.abort();
    this.dispose(error);
  }

  /** The transport currently attached, if it is of type T. */
  sinkOf<T extends TransportSink>(type: new (...args: never[]) => T): T | undefined {
    return this.sink instanceof type ? this.sink : undefined;
  }
}
