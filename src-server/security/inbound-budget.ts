import type { InboundLimits } from '../options.js';

/**
 * What one connection may still send. Everything that arrives is charged, whether or not it
 * completes a message; a connection in debt is not read from until the debt is paid back, so a
 * flood of tiny frames is slowed by TCP instead of costing the server CPU.
 */
export class InboundBudget {
  private frames: number;
  private bytes: number;
  private updatedAt: number;

  constructor(
    private readonly limits: InboundLimits,
    now: number,
  ) {
    this.frames = limits.frames.burst;
    this.bytes = limits.bytes.burst;
    this.updatedAt = now;
  }

  /** Charges what arrived; returns how many milliseconds the transport should stop reading (0: read on). */
  charge(frames: number, bytes: number, now: number): number {
    const seconds = (now - this.updatedAt) / 1000;
    this.updatedAt = now;
    const { frames: frameLimit, bytes: byteLimit } = this.limits;
    this.frames = Math.min(frameLimit.burst, this.frames + seconds * frameLimit.perSecond) - frames;
    this.bytes = Math.min(byteLimit.burst, this.bytes + seconds * byteLimit.perSecond) - bytes;
    const debt = Math.max(-this.frames / frameLimit.perSecond, -this.bytes / byteLimit.perSecond, 0);
    return Math.ceil(debt * 1000);
  }
}
