/**
 * A bounded series of time buckets, oldest first: each bucket holds the mean of the samples
 * that fell into it. When full, the oldest bucket is overwritten, so memory stays fixed however
 * long the page is open. Mutable on purpose: at 10 samples a second per series, copying arrays
 * on every sample would cost more than drawing them.
 */
export class BucketRing {
  private readonly times: Float64Array;
  private readonly means: Float64Array;
  private readonly counts: Uint32Array;
  private head = 0;
  private size = 0;

  constructor(
    readonly bucketMs: number,
    readonly capacity: number,
  ) {
    this.times = new Float64Array(capacity);
    this.means = new Float64Array(capacity);
    this.counts = new Uint32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** The start of the newest bucket, or undefined when empty. */
  get newestTime(): number | undefined {
    return this.size === 0 ? undefined : this.times[this.slot(this.size - 1)];
  }

  /**
   * Adds a sample. Returns true when it opened a new bucket, which is when a chart of this ring
   * has something new to draw. Samples older than the newest bucket are ignored.
   */
  add(time: number, value: number): boolean {
    const bucket = this.bucketOf(time);
    if (this.size > 0) {
      const last = this.slot(this.size - 1);
      const newest = this.times[last]!;
      if (bucket < newest) return false;
      if (bucket === newest) {
        const count = ++this.counts[last]!;
        this.means[last]! += (value - this.means[last]!) / count;
        return false;
      }
    }
    this.push(bucket, value, 1);
    return true;
  }

  /**
   * Puts stored history before the live samples: history buckets older than the first live one
   * are kept (averaged into this ring's buckets), live buckets win where both exist.
   */
  prependHistory(times: readonly number[], values: readonly number[]): void {
    const live = this.snapshot();
    const firstLive = live.length > 0 ? live[0]!.time : Infinity;
    const merged = new BucketRing(this.bucketMs, this.capacity);
    for (let i = 0; i < times.length; i++) {
      const time = times[i]!;
      if (this.bucketOf(time) < firstLive) merged.add(time, values[i]!);
    }
    for (const bucket of live) merged.push(bucket.time, bucket.mean, bucket.count);
    this.head = 0;
    this.size = merged.size;
    for (let i = 0; i < merged.size; i++) {
      const from = merged.slot(i);
      this.times[i] = merged.times[from]!;
      this.means[i] = merged.means[from]!;
      this.counts[i] = merged.counts[from]!;
    }
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** Calls `visit` for each bucket from `fromTime` on, oldest first. */
  forEach(fromTime: number, visit: (time: number, mean: number) => void): void {
    for (let i = 0; i < this.size; i++) {
      const slot = this.slot(i);
      if (this.times[slot]! >= fromTime) visit(this.times[slot]!, this.means[slot]!);
    }
  }

  private snapshot(): Array<{ time: number; mean: number; count: number }> {
    const out = [];
    for (let i = 0; i < this.size; i++) {
      const slot = this.slot(i);
      out.push({ time: this.times[slot]!, mean: this.means[slot]!, count: this.counts[slot]! });
    }
    return out;
  }

  private push(bucket: number, mean: number, count: number): void {
    const slot = this.slot(this.size === this.capacity ? 0 : this.size);
    this.times[slot] = bucket;
    this.means[slot] = mean;
    this.counts[slot] = count;
    if (this.size === this.capacity) this.head = (this.head + 1) % this.capacity;
    else this.size++;
  }

  private bucketOf(time: number): number {
    return time - (time % this.bucketMs);
  }

  private slot(index: number): number {
    return (this.head + index) % this.capacity;
  }
}
