import { messageTooLarge } from '../error-messages.js';
import { PendingBytes } from './pending-bytes.js';

const separatorByte = 0x1e;

/** What follows the handshake frame belongs to the negotiated protocol, whose framing may differ. */
export interface HandshakeFrame {
  readonly frame: Uint8Array;
  readonly rest: Uint8Array;
}

/** Collects bytes until the handshake's record separator; nothing after it is interpreted. */
export class HandshakeReader {
  private readonly pending = new PendingBytes();

  constructor(private readonly maximumMessageSize: number | null) {}

  /** Returns the handshake frame once complete; throws when it outgrows the message size limit. */
  push(chunk: Uint8Array): HandshakeFrame | undefined {
    const end = chunk.indexOf(separatorByte);
    const size = this.pending.length + (end === -1 ? chunk.length : end);
    if (this.maximumMessageSize !== null && size > this.maximumMessageSize) throw messageTooLarge(this.maximumMessageSize);
    if (end === -1) {
      this.pending.push(chunk);
      return undefined;
    }
    return { frame: this.pending.takeAll(chunk.subarray(0, end)), rest: chunk.subarray(end + 1) };
  }
}
