/** Caps a connection's running invocations; further ones wait in arrival order. */
export class InvocationLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly idlers: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Takes a slot at once if one is free. */
  tryAcquire(): boolean {
    if (this.running >= this.limit) return false;
    this.running++;
    return true;
  }

  /** Resolves once a slot is taken for the caller. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) return next();
    this.running--;
    if (this.running === 0) for (const idle of this.idlers.splice(0)) idle();
  }

  /** Resolves once no invocation is running or waiting. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }
}
