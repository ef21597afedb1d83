import { describe, expect, it } from 'vitest';
import type { HubMessage } from '../protocol/messages.js';
import { pumpStream } from './stream-pump.js';

/** A connection whose writes are flushed only when the test says so. */
function connection() {
  const written: HubMessage[] = [];
  const unflushed: Array<() => void> = [];
  return {
    written,
    write(message: HubMessage, onFlushed?: () => void) {
      written.push(message);
      if (onFlushed) unflushed.push(onFlushed);
      return undefined;
    },
    flushOne() {
      unflushed.shift()!();
    },
  };
}

function counting(total: number) {
  const source = { pulled: 0, finished: false };
  const items = (async function* () {
    for (let i = 1; i <= total; i++) {
      source.pulled = i;
      yield i;
    }
    source.finished = true;
  })();
  return { source, items };
}

// Lets every pending promise callback run; with no timers or I/O involved, nothing else can.
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('pumpStream', () => {
  it('writes every item as a StreamItem of the invocation, in order', async () => {
    const target = connection();
    const { items } = counting(3);
    const done = pumpStream({ write: (m, onFlushed) => (onFlushed?.(), target.write(m)) }, 'inv', items, new AbortController().signal, 2);
    await done;
    expect(target.written).toEqual([1, 2, 3].map((item) => ({ type: 2, invocationId: 'inv', item })));
  });

  it('pulls no more than `capacity` items ahead of what the network took, one more per flush', async () => {
    const target = connection();
    const { source, items } = counting(100);
    const done = pumpStream(target, 'inv', items, new AbortController().signal, 3);
    await settle();
    expect(source.pulled).toBe(3);
    expect(target.written).toHaveLength(3);
    target.flushOne();
    await settle();
    expect(source.pulled).toBe(4);
    // The last item is pulled after 97 flushes in all; the pump ends once the network can take more.
    for (let flushes = 1; flushes < 100; flushes++) {
      target.flushOne();
      await settle();
    }
    await done;
    expect(source.finished).toBe(true);
    expect(target.written).toHaveLength(100);
  });

  it('stops pulling when the signal aborts, even while waiting for the network', async () => {
    const target = connection();
    const { source, items } = counting(100);
    const cancel = new AbortController();
    const done = pumpStream(target, 'inv', items, cancel.signal, 2);
    await settle();
    expect(source.pulled).toBe(2);
    cancel.abort();
    await done;
    expect(source.pulled).toBe(2);
    expect(target.written).toHaveLength(2);
  });

  it('passes the stream\'s own error on', async () => {
    const failing = (async function* () {
      yield 1;
      throw new Error('producer broke');
    })();
    await expect(pumpStream(connection(), 'inv', failing, new AbortController().signal, 10)).rejects.toThrow('producer broke');
  });
});
