import WebSocket from 'ws';

/** What a load client hears back from a server. */
export interface WireEvents {
  /** An echo came back; `ok` is false when the server answered with an error (a refusal). */
  reply(id: number, ok: boolean): void;
  /** A broadcast arrived. */
  tick(seq: number, sentAt: number): void;
}

/** One step of a handshake: what to send (if anything), and how to recognise the answer. */
export interface HandshakeStep {
  readonly send?: string;
  readonly accept: (text: string) => boolean;
}

/** The frames one system speaks, written and read with as little work as the protocol allows. */
export interface Wire {
  /** Path and query to open the WebSocket at, relative to the server's base URL. */
  readonly path: string;
  readonly handshake: readonly HandshakeStep[];
  echo(id: number, payload: string): string | Uint8Array;
  publish(seq: number, sentAt: number, payload: string): string | Uint8Array;
  /** Reads one WebSocket message; `send` answers the server's keep-alives. */
  read(data: Buffer, events: WireEvents, send: (data: string | Uint8Array) => void): void;
}

/** What every echo and publish carries: 64 bytes, about one small metric update. */
export const samplePayload = 'p'.repeat(64);

const ignoreEvents: WireEvents = { reply: () => {}, tick: () => {} };

/**
 * A load client that speaks a system's wire protocol directly over `ws`, so the load generator
 * spends as little as possible per message and the figures are the server's.
 */
export class LeanClient {
  /** Resolves with the close code once the socket has closed. */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket, private readonly wire: Wire) {
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  /** Opens a WebSocket to `baseUrl` and completes the wire's handshake; `localAddress` picks the address it comes from. */
  static connect(baseUrl: string, wire: Wire, events: WireEvents = ignoreEvents, { localAddress }: { localAddress?: string } = {}): Promise<LeanClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${wire.path}`, { perMessageDeflate: false, localAddress });
    const client = new LeanClient(socket, wire);
    const send = (data: string | Uint8Array) => socket.send(data);
    return new Promise((resolve, reject) => {
      let step = 0;
      const fail = (error: Error) => {
        socket.terminate();
        reject(error);
      };
      const advance = () => {
        const current = wire.handshake[step];
        if (current === undefined) {
          socket.off('message', onHandshake);
          socket.on('message', (data: Buffer) => wire.read(data, events, send));
          resolve(client);
        } else if (current.send !== undefined) {
          socket.send(current.send);
        }
      };
      const onHandshake = (data: Buffer) => {
        const text = data.toString();
        if (!wire.handshake[step]!.accept(text)) return fail(new Error(`Handshake refused: ${text.slice(0, 200)}`));
        step++;
        advance();
      };
      socket.on('message', onHandshake);
      socket.once('open', advance);
      socket.on('error', fail);
      socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode} on ${wire.path}`)));
      void client.closed.then((code) => fail(new Error(`Closed (${code}) during the handshake`)));
    });
  }

  /** Bytes queued in the socket and not yet written. */
  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  echo(id: number, payload: string): void {
    this.socket.send(this.wire.echo(id, payload));
  }

  publish(seq: number, sentAt: number, payload: string): void {
    this.socket.send(this.wire.publish(seq, sentAt, payload));
  }

  /** Sends a frame as it is: the attack scenario's garbage and oversized frames. */
  sendRaw(data: string): void {
    this.socket.send(data);
  }

  /** Sends a fragment of a message that is never finished: the attack scenario's fragment trickle. */
  sendFragment(data: string): void {
    this.socket.send(data, { fin: false });
  }

  close(): void {
    this.socket.terminate();
  }
}

/**
 * Opens `count` connections, `concurrency` at a time: a real crowd does not arrive in one
 * instant, and the server's listen backlog is finite.
 */
export async function connectInBatches<T>(count: number, connect: (index: number) => Promise<T>, concurrency = 100): Promise<T[]> {
  const connected: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, i) => connect(start + i));
    connected.push(...(await Promise.all(batch)));
  }
  return connected;
}
