import type { HubProtocol } from './hub-protocol.js';
import type { HubMessage } from './messages.js';

/**
 * A message on its way to many connections. It is serialized at most once per protocol, however
 * many connections receive it.
 */
export class SerializedMessage {
  private protocolName: string | undefined;
  private bytes: string | Uint8Array | undefined;
  // A hub rarely serves more than two protocols, so a second slot plus a map fallback is enough.
  private others: Map<string, string | Uint8Array> | undefined;
  // Frames that arrived already serialized (see fromFrames), still as raw bytes.
  private received: ReadonlyMap<string, Uint8Array> | undefined;
  private decoded: HubMessage | undefined;
  private readonly decode: (() => HubMessage) | undefined;

  /**
   * @param message the message; a function instead rebuilds it the first time `message` is read,
   * so a message that arrived already framed is only decoded when something needs it.
   * @param conflationKey marks latest-value data: a connection that is behind keeps only the
   * newest message per key instead of queueing them all.
   */
  constructor(
    message: HubMessage | (() => HubMessage),
    readonly conflationKey?: string,
  ) {
    if (typeof message === 'function') this.decode = message;
    else this.decoded = message;
  }

  /**
   * A message another process already serialized, e.g. one received from a backplane: `frames`
   * holds its framed bytes by protocol name, written to connections as they are. `decode` rebuilds
   * the message for anything else, such as a protocol missing from `frames`.
   */
  static fromFrames(frames: ReadonlyMap<string, Uint8Array>, decode: () => HubMessage, conflationKey?: string): SerializedMessage {
    const serialized = new SerializedMessage(decode, conflationKey);
    serialized.received = frames;
    return serialized;
  }

  /** The message itself; one that arrived framed is decoded the first time this is read. */
  get message(): HubMessage {
    return (this.decoded ??= this.decode!());
  }

  /** The message framed for `protocol`, serialized on first use. */
  for(protocol: HubProtocol): string | Uint8Array {
    if (this.protocolName === protocol.name) return this.bytes!;
    if (this.protocolName === undefined) {
      // Claim the slot only once framing succeeded: frames from elsewhere may be malformed.
      this.bytes = this.frame(protocol);
      this.protocolName = protocol.name;
      return this.bytes;
    }
    this.others ??= new Map();
    let bytes = this.others.get(protocol.name);
    if (bytes === undefined) this.others.set(protocol.name, (bytes = this.frame(protocol)));
    return bytes;
  }

  // Text is encoded to bytes here, once, rather than by each connection's socket; transports
  // still send it as text (WebSocket text frames), as they know the connection's protocol.
  private frame(protocol: HubProtocol): string | Uint8Array {
    const received = this.received?.get(protocol.name);
    if (received !== undefined) return received;
    const framed = protocol.writeMessage(this.message);
    return typeof framed === 'string' ? Buffer.from(framed) : framed;
  }
}
