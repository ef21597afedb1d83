import { messageTooLarge } from '../error-messages.js';
import type { FrameReader } from './frame-reader.js';
import { PendingBytes } from './pending-bytes.js';

/** Ends every text frame: the handshake, and each JSON hub message. */
export const recordSeparator = '\x1e';
const separatorByte = 0x1e;

/**
 * Reads record-separated frames. 0x1E never occurs inside a multi-byte UTF-8 sequence, so
 * splitting bytes before decoding is safe. Only each new chunk is searched, and a partial frame
 * is checked against the size limit as it grows.
 */
export class TextFrameReader implements FrameReader {
  private readonly pending = new PendingBytes();

  constructor(private readonly maximumMessageSize: number | null) {}

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let start = 0;
    for (let end = chunk.indexOf(separatorByte); end !== -1; end = chunk.indexOf(separatorByte, start)) {
      this.checkSize(this.pending.length + end - start);
      frames.push(this.pending.takeAll(chunk.subarray(start, end)));
      start = end + 1;
    }
    if (start < chunk.length) {
      this.checkSize(this.pending.length + chunk.length - start);
      this.pending.push(chunk.subarray(start));
    }
    return frames;
  }

  private checkSize(size: number): void {
    if (this.maximumMessageSize !== null && size > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
  }
}
