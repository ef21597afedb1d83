import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../errors.js';
import { type HubMessage, MessageType } from '../protocol/messages.js';
import { ReconnectBuffer } from './reconnect-buffer.js';

const invocation = (n: number): HubMessage => ({ type: MessageType.Invocation, target: 'm', arguments: [n] });
const ping: HubMessage = { type: MessageType.Ping };

describe('ReconnectBuffer', () => {
  it('keeps what was sent until the client acknowledges it, and resends the rest after a reconnect', () => {
    const buffer = new ReconnectBuffer(1000);
    for (const text of ['a', 'b', 'c']) expect(buffer.record(text)).toBeUndefined();
    buffer.ack(1);
    buffer.disconnected();
    expect(buffer.connected).toBe(false);
    expect(buffer.resend()).toEqual({ sequenceId: 2, data: ['b', 'c'] });
    expect(buffer.connected).toBe(true);
  });

  it('resends nothing and names the next id when everything was acknowledged', () => {
    const buffer = new ReconnectBuffer(1000);
    buffer.record('a');
    buffer.record('b');
    buffer.ack(2);
    expect(buffer.resend()).toEqual({ sequenceId: 3, data: [] });
  });

  it('makes writers wait once the buffer is full, and lets them go once acknowledgements free room', async () => {
    const buffer = new ReconnectBuffer(10);
    expect(buffer.record('12345')).toBeUndefined();
    const full = buffer.record('67890');
    expect(full).toBeInstanceOf(Promise);
    const order: string[] = [];
    void full!.then(() => order.push('released'));
    await Promise.resolve();
    expect(order).toEqual([]);
    buffer.ack(1);
    await full;
    expect(order).toEqual(['released']);
  });

  it('counts bytes of binary frames by their length', () => {
    const buffer = new ReconnectBuffer(8);
    expect(buffer.record(new Uint8Array(7))).toBeUndefined();
    expect(buffer.record(new Uint8Array(1))).toBeInstanceOf(Promise);
  });

  it('releases waiting writers for good when disposed', async () => {
    const buffer = new ReconnectBuffer(1);
    const full = buffer.record('ab');
    buffer.dispose();
    await expect(full).resolves.toBeUndefined();
    expect(buffer.resend()).toEqual({ sequenceId: 2, data: [] });
  });

  it('skips received messages it already processed, after the client resends from its Sequence', () => {
    const buffer = new ReconnectBuffer(1000);
    expect([1, 2, 3].map((n) => buffer.shouldProcess(invocation(n)))).toEqual([true, true, true]);
    // Pings are not numbered and always pass.
    expect(buffer.shouldProcess(ping)).toBe(true);
    buffer.disconnected();
    // After a reconnect nothing counts until the client's Sequence says where it resumes.
    expect(buffer.shouldProcess(invocation(2))).toBe(false);
    const sequence: HubMessage = { type: MessageType.Sequence, sequenceId: 2 };
    expect(buffer.shouldProcess(sequence)).toBe(true);
    buffer.resetSequence(2);
    expect([2, 3, 4].map((n) => buffer.shouldProcess(invocation(n)))).toEqual([false, false, true]);
  });

  it('acknowledges what arrived once, and only when something new did', () => {
    const buffer = new ReconnectBuffer(1000);
    expect(buffer.takeAck()).toBeUndefined();
    buffer.shouldProcess(invocation(1));
    buffer.shouldProcess(invocation(2));
    expect(buffer.takeAck()).toBe(2);
    expect(buffer.takeAck()).toBeUndefined();
  });

  it('refuses a Sequence ahead of what it received', () => {
    const buffer = new ReconnectBuffer(1000);
    buffer.shouldProcess(invocation(1));
    expect(() => buffer.resetSequence(5)).toThrow(new InvalidDataError("Sequence ID greater than amount of messages we've received."));
  });

  it('stays right after it drops acknowledged entries from memory', () => {
    const buffer = new ReconnectBuffer(10_000_000);
    for (let i = 1; i <= 3000; i++) {
      buffer.record('x');
      buffer.ack(i);
    }
    buffer.record('last');
    expect(buffer.resend()).toEqual({ sequenceId: 3001, data: ['last'] });
  });
});
