import { type FrameReader, joinChunks, messageTooLarge } from './frame-reader.js';

/** Ends every text frame: the handshake, and each JSON hub message. */
export const recordSeparator = '\x1e';
const separatorByte = 0x1e;

/**
 * Reads record-separated frames. 0x1E never occurs inside a multi-byte UTF-8 sequence, so
 * splitting bytes before decoding is safe.
 */
export class TextFrameReader implements FrameReader {
  private pending: Uint8Array | undefined;

  constructor(private readonly maximumMessageSize: number | null) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const data = joinChunks(this.pending, chunk);
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let end = data.indexOf(separatorByte); end !== -1; end = data.indexOf(separatorByte, start)) {
      this.checkSize(end - start);
      frames.push(data.subarray(start, end));
      start = end + 1;
    }
    this.pending = start < data.length ? data.slice(start) : undefined;
    if (this.pending) this.checkSize(this.pending.length);
    return frames;
  }

  private checkSize(size: number): void {
    if (this.maximumMessageSize !== null && size > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
  }
}
