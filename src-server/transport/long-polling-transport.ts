import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransferFormat } from '../shared-types.js';
import type { HttpConnection, TransportSink } from './http-connection.js';

interface PendingPoll {
  readonly res: ServerResponse;
  readonly timer: NodeJS.Timeout;
}

const noCache = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache', Expires: '0' };

/**
 * Queues server-to-client data between polls. A poll is answered as soon as data is queued,
 * empty after the poll timeout, and with 204 once the connection has ended.
 */
export class LongPollingSink implements TransportSink {
  readonly kind = 'LongPolling' as const;
  readonly transferFormats: readonly TransferFormat[] = ['Text', 'Binary'];
  private queue: Array<string | Uint8Array> = [];
  private flushed: Array<() => void> = [];
  private queuedBytes = 0;
  private poll: PendingPoll | undefined;
  private flushScheduled = false;
  private ended = false;
  /** Whether the connection's protocol is binary, for the poll response's content type. */
  private binary = false;

  constructor(
    private readonly connection: HttpConnection,
    private readonly pollTimeout: number,
    private readonly now: () => number,
  ) {}

  get bufferedAmount(): number {
    return this.queuedBytes;
  }

  write(data: string | Uint8Array, onFlushed?: () => void, binary = typeof data !== 'string'): void {
    this.binary = binary;
    if (this.ended && this.queue.length === 0 && !this.poll) {
      onFlushed?.();
      return;
    }
    this.queue.push(data);
    this.queuedBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (onFlushed) this.flushed.push(onFlushed);
    // Writes made in the same turn (a broadcast, a stream's items) leave in one response.
    if (this.poll && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (this.poll) this.answer(this.poll);
      });
    }
  }

  /** The server is done: queued data still goes out with the next poll, then polls get 204. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.poll && this.queue.length === 0) this.answer(this.poll);
  }

  /** Drops what is queued and answers any waiting poll with 204. */
  abort(): void {
    this.queue = [];
    this.flushed = [];
    this.queuedBytes = 0;
    this.end();
  }

  /** Serves one poll. The first poll of a connection returns at once, establishing it. */
  handlePoll(req: IncomingMessage, res: ServerResponse, first: boolean): void {
    // Only one poll may wait; a newer one (say, after a proxy timed the old one out) replaces it.
    if (this.poll) this.finish(this.poll, 204);
    if (first && !this.ended) {
      res.writeHead(200, { ...noCache, 'Content-Type': 'text/plain', 'Content-Length': 0 });
      res.end();
      this.connection.markIdle(this.now());
      return;
    }
    const poll: PendingPoll = { res, timer: setTimeout(() => this.answer(poll), this.pollTimeout) };
    this.poll = poll;
    this.connection.markActive();
    req.on('close', () => {
      if (this.poll !== poll) return;
      clearTimeout(poll.timer);
      this.poll = undefined;
      this.connection.markIdle(this.now());
    });
    if (this.queue.length > 0 || this.ended) this.answer(poll);
  }

  private answer(poll: PendingPoll): void {
    if (this.queue.length === 0) {
      this.finish(poll, this.ended ? 204 : 200);
      if (this.ended) this.connection.dispose();
      return;
    }
    const parts = this.queue;
    const callbacks = this.flushed;
    this.queue = [];
    this.flushed = [];
    this.queuedBytes = 0;
    const body = parts.every((p) => typeof p === 'string')
      ? (parts as string[]).join('')
      : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    this.finish(poll, 200, body, this.binary ? 'application/octet-stream' : 'text/plain; charset=utf-8');
    for (const callback of callbacks) callback();
  }

  private finish(poll: PendingPoll, status: number, body?: string | Buffer, contentType = 'text/plain'): void {
    clearTimeout(poll.timer);
    if (this.poll === poll) this.poll = undefined;
    const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    poll.res.writeHead(status, { ...noCache, 'Content-Type': contentType, 'Content-Length': length });
    poll.res.end(body);
    if (!this.ended) this.connection.markIdle(this.now());
  }
}
