import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { messageTooLarge } from '../error-messages.js';
import type { TransferFormat } from '../shared-types.js';
import type { HttpConnection, TransportSink } from './http-connection.js';
import { WebSocketFrameScanner } from './websocket-frame-scanner.js';

// Close codes that mean the peer ended the connection on purpose; 1005 is what a close frame
// without a status (the npm client's stop()) arrives as.
const cleanCloseCodes = new Set([1000, 1001, 1005]);

// Sockets holding writes until the end of this event-loop turn. Every frame written to a socket
// in one turn then leaves in a single writev instead of one system call per frame, which is
// what dominates the cost of broadcasts and echo alike.
const corkedSinks = new Set<WebSocketSink>();
let flushScheduled = false;

function flushCorkedSinks(): void {
  flushScheduled = false;
  for (const sink of corkedSinks) sink.uncork();
  corkedSinks.clear();
}

/** Carries a connection over one WebSocket. */
export class WebSocketSink implements TransportSink {
  readonly kind = 'WebSockets' as const;
  readonly transferFormats: readonly TransferFormat[] = ['Text', 'Binary'];
  /** Set once the server decided to close, so the close is not mistaken for a dropped socket. */
  ending = false;
  /** Set when a reconnecting client's new socket took over; this one's close then means nothing. */
  replaced = false;

  private corked = false;
  /** Reading paused because the connection has a backlog of messages to handle. */
  private backlogged = false;
  /** Reading paused until the connection's inbound budget allows more. */
  private holdTimer: NodeJS.Timeout | undefined;

  /** @param raw the socket under the WebSocket, corked to batch this turn's writes. */
  constructor(
    private readonly socket: WebSocket,
    private readonly raw: Duplex,
  ) {}

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  write(data: string | Uint8Array, onFlushed?: () => void, binary = typeof data !== 'string'): void {
    if (this.socket.readyState !== this.socket.OPEN) {
      onFlushed?.();
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.raw.cork();
      corkedSinks.add(this);
      if (!flushScheduled) {
        flushScheduled = true;
        process.nextTick(flushCorkedSinks);
      }
    }
    this.socket.send(data, { binary }, onFlushed);
  }

  /** Lets this turn's writes go out. */
  uncork(): void {
    this.corked = false;
    this.raw.uncork();
  }

  end(): void {
    this.ending = true;
    this.socket.close(1000);
  }

  abort(): void {
    this.ending = true;
    this.socket.terminate();
  }

  /** Drops this socket in favour of a newer one for the same connection. */
  replace(connection: HttpConnection, now: number): void {
    this.replaced = true;
    connection.detach(this, now);
    this.socket.terminate();
  }

  pauseReading(): void {
    this.backlogged = true;
    this.socket.pause();
  }

  resumeReading(): void {
    this.backlogged = false;
    if (!this.holdTimer) this.socket.resume();
  }

  /** Stops reading for `ms`: the client sent more than its budget. */
  hold(ms: number): void {
    if (this.holdTimer) return;
    this.socket.pause();
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      if (!this.backlogged) this.socket.resume();
    }, ms);
    this.holdTimer.unref();
  }
}

/**
 * Binds a WebSocket to a connection. When the socket drops without a clean close and the
 * connection has stateful reconnect, the connection waits for the client to come back;
 * otherwise it ends.
 */
export function runWebSocket(socket: WebSocket, connection: HttpConnection, sink: WebSocketSink, now: () => number, raw: Duplex, maximumMessageSize: number | null): void {
  socket.on('message', (data: Buffer) => connection.application?.onData(data));
  // Every frame is counted and every message measured as it arrives, fragments included: the
  // WebSocket library only tells of whole messages, and would buffer a never-ending one.
  const scanner = new WebSocketFrameScanner();
  const cap = maximumMessageSize === null ? null : webSocketMessageCap(maximumMessageSize);
  raw.on('data', (chunk: Buffer) => {
    const { frames, messageBytes } = scanner.push(chunk);
    if (cap !== null && messageBytes > cap) {
      connection.application?.onInvalidData(messageTooLarge(maximumMessageSize!));
      return;
    }
    const wait = connection.inbound?.charge(frames, chunk.length, now()) ?? 0;
    if (wait > 0) sink.hold(wait);
  });
  socket.on('error', () => {
    // 'close' follows every 'error'; the close code tells what happened.
  });
  socket.on('close', (code: number) => {
    if (sink.replaced) return;
    if (connection.statefulReconnect && !sink.ending && !cleanCloseCodes.has(code)) {
      connection.detach(sink, now());
      return;
    }
    connection.dispose(cleanCloseCodes.has(code) || sink.ending ? undefined : new Error(`WebSocket closed with status code ${code}.`));
  });
}

/**
 * The largest WebSocket message a hub accepts, whole or in fragments: room for a few hub
 * messages at the hub's size limit. Past it the connection is closed with the size error.
 */
export function webSocketMessageCap(maximumMessageSize: number): number {
  return 4 * maximumMessageSize;
}
