import { describe, expect, it } from 'vitest';
import { MessageTooLargeError } from '../errors.js';
import { HandshakeReader } from './handshake-reader.js';
import { TextFrameReader } from './text-framing.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (frames: Uint8Array[]) => frames.map((f) => new TextDecoder().decode(f));

describe('TextFrameReader', () => {
  it('splits several frames in one chunk and joins one frame across chunks', () => {
    const reader = new TextFrameReader(null);
    expect(text(reader.push(bytes('a\x1eb\x1ec')))).toEqual(['a', 'b']);
    expect(text(reader.push(bytes('d')))).toEqual([]);
    expect(text(reader.push(bytes('e\x1e')))).toEqual(['cde']);
  });

  it('keeps multi-byte characters that straddle chunks intact', () => {
    const reader = new TextFrameReader(null);
    const all = bytes('"é€"\x1e');
    expect(text(reader.push(all.subarray(0, 3)))).toEqual([]);
    expect(text(reader.push(all.subarray(3)))).toEqual(['"é€"']);
  });

  it('refuses a frame over the limit, complete or still arriving', () => {
    expect(() => new TextFrameReader(4).push(bytes('12345\x1e'))).toThrow(MessageTooLargeError);
    const reader = new TextFrameReader(4);
    expect(reader.push(bytes('1234'))).toEqual([]);
    expect(() => reader.push(bytes('5'))).toThrow('The maximum message size of 4B was exceeded. The message size can be configured in AddHubOptions.');
  });

  it('accepts a frame exactly at the limit', () => {
    expect(text(new TextFrameReader(4).push(bytes('1234\x1e')))).toEqual(['1234']);
  });
});

describe('HandshakeReader', () => {
  it('separates the handshake from what follows, whatever its framing', () => {
    const reader = new HandshakeReader(null);
    expect(reader.push(bytes('{"protocol"'))).toBeUndefined();
    const result = reader.push(new Uint8Array([...bytes(':"messagepack","version":1}\x1e'), 0x05, 0x1e, 0x01]));
    expect(new TextDecoder().decode(result!.frame)).toBe('{"protocol":"messagepack","version":1}');
    expect([...result!.rest]).toEqual([0x05, 0x1e, 0x01]);
  });
});
