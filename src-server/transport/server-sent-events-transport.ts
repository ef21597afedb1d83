import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransferFormat } from '../shared-types.js';
import type { HttpConnection, TransportSink } from './http-connection.js';

/** Formats one payload as an SSE event: a `data:` line per line of text, then a blank line. */
export function formatEvent(text: string): string {
  let event = '';
  for (const line of text.split(/\r\n|\r|\n/)) event += `data: ${line}\r\n`;
  return `${event}\r\n`;
}

/** Carries server-to-client data over a Server-Sent Events response; text only. */
export class ServerSentEventsSink implements TransportSink {
  readonly kind = 'ServerSentEvents' as const;
  readonly transferFormats: readonly TransferFormat[] = ['Text'];

  constructor(private readonly res: ServerResponse) {}

  get bufferedAmount(): number {
    return this.res.writableLength;
  }

  write(data: string | Uint8Array, onFlushed?: () => void): void {
    if (this.res.writableEnded) {
      onFlushed?.();
      return;
    }
    const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    this.res.write(formatEvent(text), onFlushed && (() => onFlushed()));
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }

  abort(): void {
    this.res.destroy();
  }
}

/** Opens the event stream for `connection`; the client ending the request ends the connection. */
export function runServerSentEvents(req: IncomingMessage, res: ServerResponse, connection: HttpConnection): void {
  req.socket.setNoDelay(true);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
  // Some EventSource implementations only report "open" once a first byte arrives; a comment line is one.
  res.write(':\r\n');
  res.on('close', () => connection.dispose());
}
