import { InvalidDataError } from '../errors.js';
import { messageTooLarge } from '../error-messages.js';
import type { FrameReader } from './frame-reader.js';
import { PendingBytes } from './pending-bytes.js';

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

/** Reads length-prefixed binary frames; a frame may arrive across several chunks, and is copied once. */
export class BinaryFrameReader implements FrameReader {
  private readonly pending = new PendingBytes();
  /** The length of the frame being collected, once its prefix has been read. */
  private frameLength: number | undefined;

  constructor(private readonly maximumMessageSize: number | null) {}

  push(chunk: Uint8Array): Uint8Array[] {
    this.pending.push(chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      if (this.frameLength === undefined) {
        const header = readVarInt(this.pending.peek(maxVarIntBytes), 0);
        if (!header) break;
        if (this.maximumMessageSize !== null && header.length > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
        this.pending.skip(header.bytes);
        this.frameLength = header.length;
      }
      if (this.pending.length < this.frameLength) break;
      frames.push(this.pending.take(this.frameLength));
      this.frameLength = undefined;
    }
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
