import type { HubProtocol } from '../protocol/hub-protocol.js';
import type { HubMessage } from '../protocol/messages.js';

/**
 * A message on its way to many connections. It is serialized at most once per protocol, however
 * many connections receive it.
 */
export class SerializedMessage {
  private protocolName: string | undefined;
  private bytes: string | Uint8Array | undefined;
  // A hub rarely serves more than two protocols, so a second slot plus a map fallback is enough.
  private others: Map<string, string | Uint8Array> | undefined;

  /**
   * @param conflationKey marks latest-value data: a connection that is behind keeps only the
   * newest message per key instead of queueing them all.
   */
  constructor(
    readonly message: HubMessage,
    readonly conflationKey?: string,
  ) {}

  /** The message framed for `protocol`, serialized on first use. */
  for(protocol: HubProtocol): string | Uint8Array {
    if (this.protocolName === protocol.name) return this.bytes!;
    if (this.protocolName === undefined) {
      this.protocolName = protocol.name;
      return (this.bytes = protocol.writeMessage(this.message));
    }
    this.others ??= new Map();
    let bytes = this.others.get(protocol.name);
    if (bytes === undefined) this.others.set(protocol.name, (bytes = protocol.writeMessage(this.message)));
    return bytes;
  }
}
