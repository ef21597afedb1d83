import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupAckTimeoutError } from './backplane-errors.js';
import { GroupAcks } from './group-acks.js';

describe('GroupAcks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves a command when the acknowledgement naming it arrives, each id once', async () => {
    const acks = new GroupAcks(1000);
    const first = acks.expect('adding c1 to g');
    const second = acks.expect('adding c2 to g');
    expect(second.id).not.toBe(first.id);
    acks.ack(second.id);
    await expect(second.acked).resolves.toBeUndefined();
    // A late or repeated acknowledgement is ignored.
    acks.ack(second.id);
    acks.ack(first.id);
    await expect(first.acked).resolves.toBeUndefined();
  });

  it('rejects a command nobody acknowledges once the timeout passes, naming what was asked', async () => {
    const acks = new GroupAcks(1000);
    const { acked } = acks.expect("Adding connection 'c1' to group 'g'");
    const outcome = acked.catch((error: unknown) => error);
    vi.advanceTimersByTime(999);
    acks.ack(-1);
    vi.advanceTimersByTime(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(GroupAckTimeoutError);
    expect((error as Error).message).toBe(
      "Adding connection 'c1' to group 'g' was not acknowledged within 1000 ms: no server holds that connection, or Redis cannot reach it.",
    );
  });

  it('ignores an acknowledgement that comes after the timeout', async () => {
    const acks = new GroupAcks(10);
    const { id, acked } = acks.expect('late');
    const outcome = acked.catch((error: unknown) => error);
    vi.advanceTimersByTime(10);
    acks.ack(id);
    expect(await outcome).toBeInstanceOf(GroupAckTimeoutError);
  });

  it('fails one command, or all that wait, with the error given, and stops their timers', async () => {
    const acks = new GroupAcks(1000);
    const one = acks.expect('one');
    const two = acks.expect('two');
    const three = acks.expect('three');
    acks.fail(one.id, new Error('not published'));
    await expect(one.acked).rejects.toThrow('not published');
    acks.failAll(new Error('closing'));
    await expect(two.acked).rejects.toThrow('closing');
    await expect(three.acked).rejects.toThrow('closing');
    expect(vi.getTimerCount()).toBe(0);
  });
});
