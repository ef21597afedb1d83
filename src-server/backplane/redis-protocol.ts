import { Decoder, Encoder } from '@msgpack/msgpack';
import { InvalidDataError } from '../errors.js';

// Payloads are MessagePack arrays in the order ASP.NET Core's Redis backplane writes them. Items
// this backplane adds come after the standard ones, because ASP.NET Core ignores extra items.

const encoder = new Encoder();
const decoder = new Decoder();

/** An invocation published for the connections other servers hold. */
export interface BackplaneInvocation {
  /** Connections that must not receive it (`allExcept`, `groupExcept`, `others`...). */
  readonly excludedIds: readonly string[];
  /** The message framed for each protocol, by protocol name, ready to be written to connections. */
  readonly frames: ReadonlyMap<string, Uint8Array>;
  /** Set when the sender awaits a client result: the id the client answers with... */
  readonly invocationId?: string;
  /** ...and the channel its answer goes to. */
  readonly returnChannel?: string;
  /** The publishing server, which skips the message when Redis echoes it back. */
  readonly serverName?: string;
  /** Marks latest-value data, conflated per key on slow connections (see SerializedMessage). */
  readonly conflationKey?: string;
}

/** Writes an invocation: `[excludedIds, {protocol: frame}, invocationId | nil, returnChannel | nil, serverName, conflationKey | nil]`. */
export function encodeInvocation(invocation: BackplaneInvocation): Buffer {
  return pack([
    invocation.excludedIds,
    Object.fromEntries(invocation.frames),
    invocation.invocationId ?? null,
    invocation.returnChannel ?? null,
    invocation.serverName ?? null,
    invocation.conflationKey ?? null,
  ]);
}

/** Reads an invocation payload; throws InvalidDataError when it is malformed. */
export function decodeInvocation(payload: Uint8Array): BackplaneInvocation {
  const items = unpackArray(payload, 2, 'invocation');
  const excludedIds = items[0];
  if (!Array.isArray(excludedIds) || !excludedIds.every((id) => typeof id === 'string')) {
    throw new InvalidDataError('Invalid backplane invocation: the excluded ids are not an array of strings.');
  }
  const framesByName = items[1];
  if (typeof framesByName !== 'object' || framesByName === null || Array.isArray(framesByName)) {
    throw new InvalidDataError('Invalid backplane invocation: the serialized messages are not a map.');
  }
  const frames = new Map<string, Uint8Array>();
  for (const [name, frame] of Object.entries(framesByName)) {
    if (!(frame instanceof Uint8Array)) throw new InvalidDataError(`Invalid backplane invocation: the '${name}' message is not binary.`);
    frames.set(name, frame);
  }
  return {
    excludedIds: excludedIds as string[],
    frames,
    invocationId: optionalString(items[2], 'invocation id'),
    returnChannel: optionalString(items[3], 'return channel'),
    serverName: optionalString(items[4], 'server name'),
    conflationKey: optionalString(items[5], 'conflation key'),
  };
}

/** What a group command asks the server holding the connection to do; numbered as in ASP.NET Core. */
export const GroupAction = { add: 1, remove: 2 } as const;
export type GroupAction = (typeof GroupAction)[keyof typeof GroupAction];

/** A group change for a connection that lives on another server. */
export interface GroupCommand {
  /** Numbers the command for its acknowledgement, per sending server. */
  readonly id: number;
  /** The sending server, which awaits the acknowledgement. */
  readonly serverName: string;
  readonly action: GroupAction;
  readonly groupName: string;
  readonly connectionId: string;
}

/** Writes a group command: `[id, serverName, action, groupName, connectionId]`. */
export function encodeGroupCommand(command: GroupCommand): Buffer {
  return pack([command.id, command.serverName, command.action, command.groupName, command.connectionId]);
}

/** Reads a group command payload; throws InvalidDataError when it is malformed. */
export function decodeGroupCommand(payload: Uint8Array): GroupCommand {
  const [id, serverName, action, groupName, connectionId] = unpackArray(payload, 5, 'group command');
  if (
    typeof id !== 'number' ||
    typeof serverName !== 'string' ||
    (action !== GroupAction.add && action !== GroupAction.remove) ||
    typeof groupName !== 'string' ||
    typeof connectionId !== 'string'
  ) {
    throw new InvalidDataError('Invalid backplane group command.');
  }
  return { id, serverName, action, groupName, connectionId };
}

/** Writes an acknowledgement: `[id]`. */
export function encodeAck(id: number): Buffer {
  return pack([id]);
}

/** Reads an acknowledgement payload: the id of the acknowledged group command. */
export function decodeAck(payload: Uint8Array): number {
  const [id] = unpackArray(payload, 1, 'acknowledgement');
  if (typeof id !== 'number') throw new InvalidDataError('Invalid backplane acknowledgement: the id is not a number.');
  return id;
}

/** What the server holding a connection sends back to a server awaiting a client result: the Completion, framed by the protocol the connection speaks. */
export interface ResultReply {
  readonly protocolName: string;
  readonly frame: Uint8Array;
  /** The answering connection; ASP.NET Core servers do not send it (the invocation id inside the frame is enough). */
  readonly connectionId?: string;
}

/** Writes a client result: `[protocolName, completionFrame, connectionId]`, ASP.NET Core's two items and one extra. */
export function encodeResultReply(reply: ResultReply): Buffer {
  return pack([reply.protocolName, reply.frame, reply.connectionId ?? null]);
}

/** Reads a client-result payload; throws InvalidDataError when it is malformed. */
export function decodeResultReply(payload: Uint8Array): ResultReply {
  const [protocolName, frame, connectionId] = unpackArray(payload, 2, 'client result');
  if (typeof protocolName !== 'string' || !(frame instanceof Uint8Array)) throw new InvalidDataError('Invalid backplane client result.');
  if (connectionId !== undefined && connectionId !== null && typeof connectionId !== 'string') {
    throw new InvalidDataError('Invalid backplane client result: the connection id is not a string.');
  }
  return { protocolName, frame, connectionId: connectionId ?? undefined };
}

function pack(items: unknown[]): Buffer {
  const bytes = encoder.encode(items);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unpackArray(payload: Uint8Array, minimumLength: number, what: string): unknown[] {
  let value: unknown;
  try {
    value = decoder.decode(payload);
  } catch (error) {
    throw new InvalidDataError(`Invalid backplane ${what}: not MessagePack.`, { cause: error });
  }
  if (!Array.isArray(value) || value.length < minimumLength) {
    throw new InvalidDataError(`Invalid backplane ${what}: expected an array of at least ${minimumLength} items.`);
  }
  return value;
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidDataError(`Invalid backplane invocation: the ${what} is not a string.`);
  return value;
}
