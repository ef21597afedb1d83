import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameBatcher } from './frame-batcher.js';

describe('createFrameBatcher', () => {
  let frames: Array<() => void>;
  beforeEach(() => {
    frames = [];
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('applies everything pushed before a frame in one call', () => {
    const apply = vi.fn();
    const batcher = createFrameBatcher<number>(apply);
    for (let i = 0; i < 10; i++) batcher.push(i);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    vi.runAllTimers();
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('still applies within a second when no frame comes (a hidden tab)', () => {
    const apply = vi.fn();
    const batcher = createFrameBatcher<string>(apply);
    batcher.push('a');
    vi.advanceTimersByTime(1_000);
    expect(apply).toHaveBeenCalledWith(['a']);
  });

  it('applies on demand and drops what waits when disposed', () => {
    const apply = vi.fn();
    const batcher = createFrameBatcher<string>(apply);
    batcher.push('a');
    batcher.flush();
    expect(apply).toHaveBeenCalledWith(['a']);
    batcher.push('b');
    batcher.dispose();
    vi.runAllTimers();
    expect(apply).toHaveBeenCalledTimes(1);
  });
});
