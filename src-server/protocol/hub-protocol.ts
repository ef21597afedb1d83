import type { TransferFormat } from '../shared-types.js';
import type { FrameReader } from './frame-reader.js';
import type { HubMessage } from './messages.js';

/** A hub protocol: pure conversion between bytes and hub messages, with no sockets involved. */
export interface HubProtocol {
  /** The name clients put in the handshake, e.g. "json". */
  readonly name: string;
  /** The highest protocol version this implementation speaks. */
  readonly version: number;
  readonly transferFormat: TransferFormat;
  /** A reader that splits this protocol's framing out of a byte stream. */
  createFrameReader(maximumMessageSize: number | null): FrameReader;
  /** Parses one frame; returns undefined for message types this server does not know (ignored, as the spec asks). */
  parseMessage(frame: Uint8Array): HubMessage | undefined;
  /** Serializes and frames one message. */
  writeMessage(message: HubMessage): string | Uint8Array;
}
