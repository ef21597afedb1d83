// A hidden tab gets no animation frames; this bounds how long items wait (and pile up) there.
const hiddenFlushMs = 1_000;

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Applies what is waiting now. */
  flush(): void;
  dispose(): void;
}

/**
 * Collects items and applies them together once per animation frame, so ten messages a second
 * cost at most one store update (and one render) per frame, never one each.
 */
export function createFrameBatcher<T>(apply: (items: T[]) => void): FrameBatcher<T> {
  let pending: T[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = timer = undefined;
  };
  const flush = () => {
    cancel();
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    apply(items);
  };

  return {
    push(item) {
      pending.push(item);
      if (frame !== undefined || timer !== undefined) return;
      frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, hiddenFlushMs);
    },
    flush,
    dispose() {
      cancel();
      pending = [];
    },
  };
}
