import WebSocket from 'ws';

const RS = '\x1e';

/**
 * A hand-driven WebSocket peer for byte-exact protocol tests: it sends exactly what a test
 * writes and records every frame the server sends, split at record separators.
 */
export class RawClient {
  readonly records: string[] = [];
  closeCode: number | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      for (const part of data.toString('utf8').split(RS)) if (part.length > 0) this.records.push(part);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Opens a WebSocket to `url` (http:// is turned into ws://). */
  static async open(url: string): Promise<RawClient> {
    const socket = new WebSocket(url.replace(/^http/, 'ws'));
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  /** Opens a WebSocket and completes a JSON handshake. */
  static async connected(url: string): Promise<RawClient> {
    const client = await RawClient.open(url);
    client.send(`{"protocol":"json","version":1}${RS}`);
    const response = await client.nextRecord();
    if (response !== '{}') throw new Error(`Handshake failed: ${response}`);
    return client;
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Sends one JSON hub message with its record separator. */
  sendMessage(message: unknown): void {
    this.send(JSON.stringify(message) + RS);
  }

  private readIndex = 0;

  /** The next record the server sent that has not been read yet. */
  async nextRecord(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.readIndex >= this.records.length) {
      if (this.closeCode !== undefined) throw new Error(`Socket closed (${this.closeCode}) before another record arrived`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No record within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.records[this.readIndex++]!;
  }

  /** The next record parsed as JSON, skipping Pings unless asked for. */
  async nextMessage(options: { includePings?: boolean; timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
    for (;;) {
      const message = JSON.parse(await this.nextRecord(options.timeoutMs)) as Record<string, unknown>;
      if (message.type !== 6 || options.includePings) return message;
    }
  }

  /** Resolves with the close code once the server has closed the socket. */
  async closed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error(`Socket still open after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closeCode;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
