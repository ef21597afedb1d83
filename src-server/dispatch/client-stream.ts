import type { UploadStream } from '../connection/hub-connection-context.js';
import { InvalidDataError } from '../errors.js';

/**
 * A client-to-server stream as the hub method sees it: an AsyncIterable fed by the client's
 * StreamItem messages. It holds at most `capacity` unread items; past that, `push` reports that
 * the reader must catch up before more is accepted.
 */
export class ClientStream<T = unknown> implements AsyncIterable<T>, UploadStream {
  private readonly items: T[] = [];
  private ended = false;
  private failure: Error | undefined;
  private reader: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | undefined;
  private space: (() => void) | undefined;
  private abandoned = false;

  /** @param check refuses an item with a problem; the stream then fails with it. */
  constructor(
    private readonly capacity: number,
    private readonly check?: (item: unknown) => string | undefined,
  ) {}

  /** Adds an item; returns a promise to await when the buffer is full, else undefined. */
  push(item: T): Promise<void> | undefined {
    if (this.ended || this.abandoned) return undefined;
    const problem = this.check?.(item);
    if (problem !== undefined) {
      this.complete(new InvalidDataError(`Failed to bind Stream message. ${problem}.`));
      return undefined;
    }
    if (this.reader) {
      const reader = this.reader;
      this.reader = undefined;
      reader.resolve({ value: item, done: false });
      return undefined;
    }
    this.items.push(item);
    if (this.items.length < this.capacity) return undefined;
    return new Promise((resolve) => (this.space = resolve));
  }

  /** Ends the stream; an error makes the reader's loop throw it. */
  complete(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error;
    if (this.reader && this.items.length === 0) {
      const reader = this.reader;
      this.reader = undefined;
      if (error) reader.reject(error);
      else reader.resolve({ value: undefined, done: true });
    }
    this.releaseSpace();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) {
          const value = this.items.shift() as T;
          if (this.items.length < this.capacity) this.releaseSpace();
          return Promise.resolve({ value, done: false });
        }
        if (this.ended) return this.failure ? Promise.reject(this.failure) : Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
      },
      // The hub stopped reading: drop what is buffered and what still arrives.
      return: () => {
        this.abandoned = true;
        this.items.length = 0;
        this.releaseSpace();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private releaseSpace(): void {
    const space = this.space;
    this.space = undefined;
    space?.();
  }
}
