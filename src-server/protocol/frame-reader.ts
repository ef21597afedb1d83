import { MessageTooLargeError } from '../errors.js';

/** Splits a byte stream into complete frames; a frame may arrive across several chunks. */
export interface FrameReader {
  /** Appends a chunk and returns the frames it completed, without their framing bytes. */
  push(chunk: Uint8Array): Uint8Array[];
}

export function messageTooLarge(maximum: number): MessageTooLargeError {
  return new MessageTooLargeError(`The maximum message size of ${maximum}B was exceeded. The message size can be configured in AddHubOptions.`);
}

/** Concatenates the held-back tail of the previous chunk with a new chunk. */
export function joinChunks(pending: Uint8Array | undefined, chunk: Uint8Array): Uint8Array {
  if (!pending || pending.length === 0) return chunk;
  const joined = new Uint8Array(pending.length + chunk.length);
  joined.set(pending, 0);
  joined.set(chunk, pending.length);
  return joined;
}
