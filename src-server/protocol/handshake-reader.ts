import { joinChunks, messageTooLarge } from './frame-reader.js';

const separatorByte = 0x1e;

/** What follows the handshake frame belongs to the negotiated protocol, whose framing may differ. */
export interface HandshakeFrame {
  readonly frame: Uint8Array;
  readonly rest: Uint8Array;
}

/** Collects bytes until the handshake's record separator; nothing after it is interpreted. */
export class HandshakeReader {
  private pending: Uint8Array | undefined;

  constructor(private readonly maximumMessageSize: number | null) {}

  /** Returns the handshake frame once complete; throws when it outgrows the message size limit. */
  push(chunk: Uint8Array): HandshakeFrame | undefined {
    const data = joinChunks(this.pending, chunk);
    const end = data.indexOf(separatorByte);
    const size = end === -1 ? data.length : end;
    if (this.maximumMessageSize !== null && size > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
    if (end === -1) {
      this.pending = data === chunk ? chunk.slice() : data;
      return undefined;
    }
    this.pending = undefined;
    return { frame: data.subarray(0, end), rest: data.subarray(end + 1) };
  }
}
