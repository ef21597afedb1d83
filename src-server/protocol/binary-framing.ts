import { InvalidDataError } from '../errors.js';
import { type FrameReader, joinChunks, messageTooLarge } from './frame-reader.js';

// A VarInt of at most 5 bytes carries a length below 2^31, as the SignalR binary framing allows.
const maxVarIntBytes = 5;

/** Prefixes a payload with its length as a VarInt (7 bits a byte, least significant first). */
export function frameBinary(payload: Uint8Array): Uint8Array {
  let size = payload.length;
  const prefix: number[] = [];
  do {
    let byte = size & 0x7f;
    size >>>= 7;
    if (size > 0) byte |= 0x80;
    prefix.push(byte);
  } while (size > 0);
  // Every byte is written below, so the buffer need not be zeroed first; a Buffer also goes to
  // the socket without being wrapped again.
  const framed = Buffer.allocUnsafe(prefix.length + payload.length);
  framed.set(prefix, 0);
  framed.set(payload, prefix.length);
  return framed;
}

/** Reads length-prefixed binary frames; a frame may arrive across several chunks. */
export class BinaryFrameReader implements FrameReader {
  private pending: Uint8Array | undefined;

  constructor(private readonly maximumMessageSize: number | null) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const data = joinChunks(this.pending, chunk);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < data.length) {
      const header = readVarInt(data, offset);
      if (!header) break;
      const { length, bytes } = header;
      if (this.maximumMessageSize !== null && length > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
      const start = offset + bytes;
      if (data.length - start < length) break;
      frames.push(data.subarray(start, start + length));
      offset = start + length;
    }
    this.pending = offset < data.length ? data.slice(offset) : undefined;
    return frames;
  }
}

function readVarInt(data: Uint8Array, offset: number): { length: number; bytes: number } | undefined {
  let length = 0;
  for (let i = 0; i < maxVarIntBytes; i++) {
    if (offset + i >= data.length) return undefined;
    const byte = data[offset + i]!;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      if (length > 0x7fffffff) throw new InvalidDataError('Messages over 2GB in size are not supported.');
      return { length, bytes: i + 1 };
    }
  }
  throw new InvalidDataError('Messages over 2GB in size are not supported.');
}
