import { InvalidDataError } from '../errors.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import type { HubMessage } from '../protocol/messages.js';
import { SerializedMessage } from '../protocol/serialized-message.js';

/** The message framed by each of `protocols`, as bytes for a backplane payload; each is serialized once. */
export function framesFor(message: SerializedMessage, protocols: ReadonlyMap<string, HubProtocol>): Map<string, Uint8Array> {
  const frames = new Map<string, Uint8Array>();
  for (const protocol of protocols.values()) frames.set(protocol.name, asBytes(message.for(protocol)));
  return frames;
}

/**
 * A message another server framed, ready for this server's connections: the frames are written
 * as they came, and the message is decoded from one of them only if something asks for it.
 */
export function receivedMessage(
  frames: ReadonlyMap<string, Uint8Array>,
  protocols: ReadonlyMap<string, HubProtocol>,
  conflationKey: string | undefined,
): SerializedMessage {
  return SerializedMessage.fromFrames(frames, () => decodeAny(frames, protocols), conflationKey);
}

/** Reads the single hub message `protocol` framed in `frame`. */
export function readFramed(protocol: HubProtocol, frame: Uint8Array): HubMessage {
  const payloads = protocol.createFrameReader(null).push(frame);
  const message = payloads.length === 1 ? protocol.parseMessage(payloads[0]!) : undefined;
  if (!message) throw new InvalidDataError(`The backplane frame is not one '${protocol.name}' hub message.`);
  return message;
}

/** A frame as bytes; text protocols frame into strings, which travel as UTF-8. */
export function asBytes(frame: string | Uint8Array): Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
}

function decodeAny(frames: ReadonlyMap<string, Uint8Array>, protocols: ReadonlyMap<string, HubProtocol>): HubMessage {
  for (const [name, frame] of frames) {
    const protocol = protocols.get(name);
    if (protocol) return readFramed(protocol, frame);
  }
  throw new InvalidDataError(`The backplane message is framed only for protocols this hub does not speak: ${[...frames.keys()].join(', ')}.`);
}
