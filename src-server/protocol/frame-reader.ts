import { MessageTooLargeError } from '../errors.js';

/** Splits a byte stream into complete frames; a frame may arrive across several chunks. */
export interface FrameReader {
  /** Appends a chunk and returns the frames it completed, without their framing bytes. */
  push(chunk: Uint8Array): Uint8Array[];
}

export function messageTooLarge(maximum: number): MessageTooLargeError {
  return new MessageTooLargeError(`The maximum message size of ${maximum}B was exceeded. The message size can be configured in AddHubOptions.`);
}
