import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../errors.js';
import { ClientStream } from './client-stream.js';

async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('ClientStream', () => {
  it('hands items to a waiting reader and ends when completed', async () => {
    const stream = new ClientStream<number>(10);
    const read = readAll(stream);
    stream.push(1);
    stream.push(2);
    stream.complete();
    expect(await read).toEqual([1, 2]);
  });

  it('keeps items pushed before anyone reads, in order', async () => {
    const stream = new ClientStream<string>(10);
    stream.push('a');
    stream.push('b');
    stream.complete();
    expect(await readAll(stream)).toEqual(['a', 'b']);
  });

  it('asks the writer to wait once `capacity` items are unread, and lets it go when the reader takes one', async () => {
    const stream = new ClientStream<number>(2);
    expect(stream.push(1)).toBeUndefined();
    const full = stream.push(2);
    expect(full).toBeInstanceOf(Promise);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await full;
    stream.complete();
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('makes the reader throw the error the stream ended with, after the items before it', async () => {
    const stream = new ClientStream<number>(10);
    stream.push(1);
    stream.complete(new Error('client gave up'));
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toThrow('client gave up');
  });

  it('fails the stream with a binding error when an item does not pass its check', async () => {
    const stream = new ClientStream<unknown>(10, (item) => (typeof item === 'number' ? undefined : 'item of stream 1 must be a number'));
    stream.push(1);
    stream.push('two');
    stream.push(3);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toThrow(new InvalidDataError('Failed to bind Stream message. item of stream 1 must be a number.'));
  });

  it('drops what is buffered and what still arrives once the reader stops, releasing a waiting writer', async () => {
    const stream = new ClientStream<number>(1);
    const full = stream.push(1);
    for await (const item of stream) {
      expect(item).toBe(1);
      break;
    }
    await full;
    expect(stream.push(2)).toBeUndefined();
  });

  it('ignores items after it completed', async () => {
    const stream = new ClientStream<number>(10);
    stream.complete();
    expect(stream.push(1)).toBeUndefined();
    expect(await readAll(stream)).toEqual([]);
  });
});
