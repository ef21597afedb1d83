/**
 * Bytes received but not yet framed, kept as the chunks they arrived in. A message that arrives
 * in many small chunks is copied once, when it completes, instead of once per chunk.
 */
export class PendingBytes {
  private parts: Uint8Array[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.size += chunk.length;
  }

  /** Everything pending followed by `tail`, as one array; nothing stays pending. */
  takeAll(tail: Uint8Array = empty): Uint8Array {
    if (this.size === 0) return tail;
    const all = new Uint8Array(this.size + tail.length);
    let offset = 0;
    for (const part of this.parts) {
      all.set(part, offset);
      offset += part.length;
    }
    all.set(tail, offset);
    this.parts = [];
    this.size = 0;
    return all;
  }

  /** The first `count` pending bytes as one array (a view when they lie in one chunk); they stay pending. */
  peek(count: number): Uint8Array {
    const first = this.parts[0];
    if (first && first.length >= count) return first.subarray(0, count);
    const out = new Uint8Array(Math.min(count, this.size));
    let offset = 0;
    for (const part of this.parts) {
      if (offset >= out.length) break;
      const piece = part.subarray(0, out.length - offset);
      out.set(piece, offset);
      offset += piece.length;
    }
    return out;
  }

  /** Removes and returns the first `count` pending bytes (callers check `length` first). */
  take(count: number): Uint8Array {
    const taken = this.peek(count);
    this.skip(count);
    return taken;
  }

  skip(count: number): void {
    this.size -= count;
    while (count > 0) {
      const first = this.parts[0]!;
      if (first.length <= count) {
        this.parts.shift();
        count -= first.length;
      } else {
        this.parts[0] = first.subarray(count);
        count = 0;
      }
    }
  }
}

const empty = new Uint8Array(0);
