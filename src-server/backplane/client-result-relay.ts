import { ConnectionLostError, InvalidDataError } from '../errors.js';

/** What a server awaiting a client result is told when the connection it asked has gone, in ASP.NET Core's words. */
const connectionDisconnectedText = 'Connection disconnected.';
import { ClientResults } from '../lifetime/client-results.js';
import type { ManagedConnection } from '../lifetime/lifetime-manager.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type CompletionMessage, MessageType } from '../protocol/messages.js';
import { SerializedMessage } from '../protocol/serialized-message.js';
import { BackplaneUnavailableError } from './backplane-errors.js';
import { asBytes, framesFor, readFramed } from './protocol-frames.js';
import type { RedisChannels } from './redis-channels.js';
import { type ResultReply, encodeInvocation, encodeResultReply } from './redis-protocol.js';
import { type RemoteInvocation, RemoteInvocations } from './remote-invocations.js';

/** Publishes a payload; resolves with the number of servers listening, or undefined when Redis did not take it. */
export type Publish = (channel: string, payload: Buffer) => Promise<number | undefined>;

/**
 * Client results across servers. As the asking server, it invokes a connection that lives
 * elsewhere and awaits the answer on its return channel; as the connection's server, it forwards
 * the client's answer to the return channel of the server that asked.
 */
export class ClientResultRelay {
  private readonly results = new ClientResults();
  private readonly awaited = new Set<string>();
  private readonly owed = new RemoteInvocations();

  constructor(
    private readonly serverName: string,
    private readonly channels: RedisChannels,
    private readonly protocols: ReadonlyMap<string, HubProtocol>,
    private readonly publish: Publish,
  ) {}

  /** Invokes a client method on `connectionId`, which is not on this server, and resolves with its answer. */
  invoke(connectionId: string, target: string, args: readonly unknown[], signal?: AbortSignal): Promise<unknown> {
    // The connection's server tells the answers it forwards apart by id, so ids must not repeat across servers.
    const invocationId = `${this.results.newInvocationId()}.${this.serverName}`;
    const result = this.results.wait(connectionId, invocationId, signal);
    this.awaited.add(invocationId);
    const serialized = new SerializedMessage({ type: MessageType.Invocation, invocationId, target, arguments: args });
    const payload = encodeInvocation({
      excludedIds: [],
      frames: framesFor(serialized, this.protocols),
      invocationId,
      returnChannel: this.channels.ownReturnAddress,
      serverName: this.serverName,
    });
    void this.publish(this.channels.connection(connectionId), payload).then((receivers) => {
      if (receivers === undefined) {
        this.results.fail(invocationId, new BackplaneUnavailableError(`Connection '${connectionId}' is not on this server, and Redis is unreachable.`));
      } else if (receivers === 0) {
        this.results.fail(invocationId, new ConnectionLostError(`Connection '${connectionId}' does not exist.`));
      }
    });
    return result.finally(() => this.awaited.delete(invocationId));
  }

  /**
   * Notes that another server awaits the answer to `invocationId` from `connectionId`, a
   * connection of this server; if it has just gone (`connection` undefined), the asker is told
   * at once, in the first of the invocation's protocols this hub speaks.
   */
  owe(connectionId: string, invocationId: string, returnChannel: string, connection: ManagedConnection | undefined, frames: ReadonlyMap<string, Uint8Array>): void {
    const protocolName = connection?.protocol.name ?? [...frames.keys()].find((name) => this.protocols.has(name));
    if (protocolName === undefined) return;
    const owed = { invocationId, connectionId, returnChannel, protocolName };
    if (connection) this.owed.add(owed);
    else this.disconnected(owed);
  }

  /** Forwards a local connection's Completion to the server awaiting it; false if no server does. */
  forward(connection: ManagedConnection, completion: CompletionMessage): boolean {
    const returnChannel = this.owed.take(connection.connectionId, completion.invocationId);
    if (returnChannel === undefined) return false;
    const { protocol } = connection;
    const frame = asBytes(protocol.writeMessage(completion));
    void this.publish(returnChannel, encodeResultReply({ connectionId: connection.connectionId, protocolName: protocol.name, frame }));
    return true;
  }

  /** A local connection ended: the servers still awaiting its answers get an error in its place. */
  connectionEnded(connectionId: string): void {
    for (const owed of this.owed.takeConnection(connectionId)) this.disconnected(owed);
  }

  /** Settles a wait with an answer that came back on this server's return channel. */
  settle(reply: ResultReply): void {
    const protocol = this.protocols.get(reply.protocolName);
    if (!protocol) throw new InvalidDataError(`A client result came in the '${reply.protocolName}' protocol, which this hub does not speak.`);
    const message = readFramed(protocol, reply.frame);
    if (message.type !== MessageType.Completion) throw new InvalidDataError('A client result from the backplane is not a Completion message.');
    this.results.complete(reply.connectionId, message);
  }

  // Answers for a connection that has gone, as ASP.NET Core's servers do, so that either kind of
  // server stops waiting.
  private disconnected(owed: RemoteInvocation): void {
    const protocol = this.protocols.get(owed.protocolName)!;
    const completion: CompletionMessage = { type: MessageType.Completion, invocationId: owed.invocationId, error: connectionDisconnectedText };
    const frame = asBytes(protocol.writeMessage(completion));
    void this.publish(owed.returnChannel, encodeResultReply({ connectionId: owed.connectionId, protocolName: protocol.name, frame }));
  }

  /** Fails every wait still open, e.g. when the backplane is disposed. */
  cancelAll(error: Error): void {
    for (const invocationId of this.awaited) this.results.fail(invocationId, error);
  }
}
