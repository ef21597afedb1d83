import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { InvalidDataError, MessageTooLargeError } from '../errors.js';
import { BinaryFrameReader, frameBinary } from './binary-framing.js';
import { type HubMessage, MessageType } from './messages.js';
import { MessagePackHubProtocol } from './messagepack-protocol.js';

const protocol = new MessagePackHubProtocol();

/** Strips the VarInt prefix of a single framed message. */
function unframe(framed: Uint8Array): unknown {
  const [frame] = new BinaryFrameReader(null).push(framed);
  return decode(frame!);
}

describe('binary framing', () => {
  it('writes VarInt lengths of one and several bytes', () => {
    expect([...frameBinary(new Uint8Array(3)).subarray(0, 1)]).toEqual([3]);
    expect([...frameBinary(new Uint8Array(300)).subarray(0, 2)]).toEqual([0xac, 0x02]);
  });

  it('reads frames split anywhere, including inside the length prefix', () => {
    const framed = new Uint8Array([...frameBinary(new Uint8Array(300).fill(7)), ...frameBinary(new Uint8Array([1, 2]))]);
    const reader = new BinaryFrameReader(null);
    const frames = [...reader.push(framed.subarray(0, 1)), ...reader.push(framed.subarray(1, 200)), ...reader.push(framed.subarray(200))];
    expect(frames.map((f) => f.length)).toEqual([300, 2]);
  });

  it('refuses a frame over the size limit as soon as its length is known', () => {
    expect(() => new BinaryFrameReader(100).push(frameBinary(new Uint8Array(101)).subarray(0, 2))).toThrow(MessageTooLargeError);
  });

  it('refuses a length prefix longer than five bytes', () => {
    expect(() => new BinaryFrameReader(null).push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(InvalidDataError);
  });
});

describe('MessagePackHubProtocol', () => {
  it('writes the wire arrays the spec defines', () => {
    expect(unframe(protocol.writeMessage({ type: MessageType.Invocation, target: 'hit', arguments: [1] }))).toEqual([1, {}, null, 'hit', [1]]);
    expect(unframe(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', error: 'no' }))).toEqual([3, {}, '1', 1, 'no']);
    expect(unframe(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1' }))).toEqual([3, {}, '1', 2]);
    expect(unframe(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', result: null }))).toEqual([3, {}, '1', 3, null]);
    expect(unframe(protocol.writeMessage({ type: MessageType.StreamItem, invocationId: '2', item: 'x' }))).toEqual([2, {}, '2', 'x']);
    expect(unframe(protocol.writeMessage({ type: MessageType.Ping }))).toEqual([6]);
    expect(unframe(protocol.writeMessage({ type: MessageType.Close, error: 'bye', allowReconnect: true }))).toEqual([7, 'bye', true]);
    expect(unframe(protocol.writeMessage({ type: MessageType.Ack, sequenceId: 3 }))).toEqual([8, 3]);
  });

  it('reads every message type a client sends', () => {
    const read = (value: unknown[]) => protocol.parseMessage(encode(value));
    expect(read([1, {}, '1', 'Send', ['a'], ['5']])).toEqual({ type: 1, invocationId: '1', target: 'Send', arguments: ['a'], streamIds: ['5'] });
    expect(read([1, { h: 'v' }, null, 'Send', []])).toEqual({ type: 1, headers: { h: 'v' }, target: 'Send', arguments: [] });
    expect(read([4, {}, '2', 'Counter', [3]])).toEqual({ type: 4, invocationId: '2', target: 'Counter', arguments: [3] });
    expect(read([2, {}, '5', 42])).toEqual({ type: 2, invocationId: '5', item: 42 });
    expect(read([3, {}, 's1', 3, 'answer'])).toEqual({ type: 3, invocationId: 's1', result: 'answer' });
    expect(read([3, {}, 's1', 1, 'oops'])).toEqual({ type: 3, invocationId: 's1', error: 'oops' });
    expect(read([3, {}, 's1', 2])).toEqual({ type: 3, invocationId: 's1' });
    expect(read([5, {}, '2'])).toEqual({ type: 5, invocationId: '2' });
    expect(read([6])).toEqual({ type: 6 });
    expect(read([7, null])).toEqual({ type: 7 });
    expect(read([9, 12])).toEqual({ type: 9, sequenceId: 12 });
    expect(read([99, 'future'])).toBeUndefined();
  });

  it('round-trips dates and binary data', () => {
    const date = new Date('2026-11-23T12:00:00Z');
    const message: HubMessage = { type: MessageType.Invocation, target: 't', arguments: [date, new Uint8Array([1, 2])] };
    const [frame] = new BinaryFrameReader(null).push(protocol.writeMessage(message));
    const parsed = protocol.parseMessage(frame!) as unknown as { arguments: [Date, Uint8Array] };
    expect(parsed.arguments[0]).toEqual(date);
    expect([...parsed.arguments[1]]).toEqual([1, 2]);
  });

  it.each([
    [encode({ type: 1 }), 'Invalid payload. Expected a MessagePack array.'],
    [encode([1, {}, '1']), 'Invalid payload for Invocation message.'],
    [encode([1, {}, '1', 5, []]), "Expected 'target' to be of type String."],
    [encode([3, {}, '1', 9]), 'Invalid invocation result kind.'],
    [new Uint8Array([0xc1]), 'Error reading MessagePack data.'],
  ])('rejects malformed messages (%#)', (frame, message) => {
    expect(() => protocol.parseMessage(frame)).toThrow(new InvalidDataError(message));
  });
});
