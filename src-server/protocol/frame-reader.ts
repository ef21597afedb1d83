/** Splits a byte stream into complete frames; a frame may arrive across several chunks. */
export interface FrameReader {
  /** Appends a chunk and returns the frames it completed, without their framing bytes. */
  push(chunk: Uint8Array): Uint8Array[];
}
