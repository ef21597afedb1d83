/** What a chunk of a client's WebSocket stream held, as far as framing goes. */
export interface ScannedFrames {
  /** Frame headers seen, control frames and fragments included. */
  readonly frames: number;
  /** The payload bytes so far of the message being received (all its fragments). */
  readonly messageBytes: number;
}

const continuation = 0x0;

/**
 * Reads only the headers of the WebSocket frames a client sends (RFC 6455, section 5.2), skipping
 * payloads, so every frame can be counted and a message's size known while its fragments arrive,
 * before the WebSocket library has assembled anything. Pure: bytes in, counts out.
 */
export class WebSocketFrameScanner {
  private readonly header = new Uint8Array(14);
  private headerBytes = 0;
  private payloadLeft = 0;
  private messageBytes = 0;

  push(chunk: Uint8Array): ScannedFrames {
    let frames = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.payloadLeft > 0) {
        const skipped = Math.min(this.payloadLeft, chunk.length - i);
        this.payloadLeft -= skipped;
        i += skipped;
        continue;
      }
      this.header[this.headerBytes++] = chunk[i++]!;
      const needed = this.headerLength();
      if (needed === undefined || this.headerBytes < needed) continue;
      frames++;
      const length = this.payloadLength();
      const opcode = this.header[0]! & 0x0f;
      // Control frames (opcode 8 and up) may come between fragments and belong to no message.
      if (opcode < 0x8) this.messageBytes = (opcode === continuation ? this.messageBytes : 0) + length;
      this.payloadLeft = length;
      this.headerBytes = 0;
    }
    return { frames, messageBytes: this.messageBytes };
  }

  /** The header's full length once its first two bytes are in; undefined before. */
  private headerLength(): number | undefined {
    if (this.headerBytes < 2) return undefined;
    const len7 = this.header[1]! & 0x7f;
    const masked = (this.header[1]! & 0x80) !== 0;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
  }

  private payloadLength(): number {
    const len7 = this.header[1]! & 0x7f;
    if (len7 === 126) return (this.header[2]! << 8) | this.header[3]!;
    if (len7 === 127) {
      let length = 0;
      for (let b = 2; b < 10; b++) length = length * 256 + this.header[b]!;
      return length;
    }
    return len7;
  }
}
