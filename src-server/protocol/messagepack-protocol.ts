import { Decoder, Encoder } from '@msgpack/msgpack';
import { InvalidDataError } from '../errors.js';
import { BinaryFrameReader, frameBinary } from './binary-framing.js';
import type { FrameReader } from './frame-reader.js';
import type { HubProtocol } from './hub-protocol.js';
import { type Headers, type HubMessage, MessageType } from './messages.js';

// Completion result kinds on the wire.
const errorResult = 1;
const voidResult = 2;
const nonVoidResult = 3;

/**
 * The MessagePack hub protocol: each message is a MessagePack array whose first item is its
 * type, framed by a VarInt length. Compatible with @microsoft/signalr-protocol-msgpack.
 */
export class MessagePackHubProtocol implements HubProtocol {
  readonly name = 'messagepack';
  readonly version = 2;
  readonly transferFormat = 'Binary' as const;
  private readonly encoder = new Encoder({ ignoreUndefined: false });
  private readonly decoder = new Decoder();

  createFrameReader(maximumMessageSize: number | null): FrameReader {
    return new BinaryFrameReader(maximumMessageSize);
  }

  parseMessage(frame: Uint8Array): HubMessage | undefined {
    let value: unknown;
    try {
      value = this.decoder.decode(frame);
    } catch (error) {
      throw new InvalidDataError('Error reading MessagePack data.', { cause: error });
    }
    if (!Array.isArray(value) || value.length === 0) throw new InvalidDataError('Invalid payload. Expected a MessagePack array.');
    const type = value[0];
    if (typeof type !== 'number' || !Number.isInteger(type)) throw new InvalidDataError('Invalid message type.');
    const at = (index: number, name: string) => {
      if (index >= value.length) throw new InvalidDataError(`Invalid payload for ${name} message.`);
      return value[index] as unknown;
    };
    switch (type) {
      case MessageType.Invocation:
      case MessageType.StreamInvocation: {
        const name = type === MessageType.Invocation ? 'Invocation' : 'StreamInvocation';
        const headers = readHeaders(at(1, name));
        const invocationId = optionalString(at(2, name), 'invocationId');
        if (type === MessageType.StreamInvocation && invocationId === undefined) throw new InvalidDataError("Missing required property 'invocationId'.");
        const target = requiredString(at(3, name), 'target');
        const args = at(4, name);
        if (!Array.isArray(args)) throw new InvalidDataError("Expected 'arguments' to be of type Array.");
        const streamIds = value.length > 5 ? readStreamIds(value[5]) : undefined;
        return {
          type,
          ...(headers ? { headers } : {}),
          ...(invocationId === undefined ? {} : { invocationId }),
          target,
          arguments: args,
          ...(streamIds?.length ? { streamIds } : {}),
        } as HubMessage;
      }
      case MessageType.StreamItem:
        return { type, ...withHeaders(at(1, 'StreamItem')), invocationId: requiredString(at(2, 'StreamItem'), 'invocationId'), item: at(3, 'StreamItem') };
      case MessageType.Completion: {
        const base = { type, ...withHeaders(at(1, 'Completion')), invocationId: requiredString(at(2, 'Completion'), 'invocationId') };
        const kind = at(3, 'Completion');
        if (kind === errorResult) return { ...base, error: requiredString(at(4, 'Completion'), 'error') };
        if (kind === voidResult) return base;
        if (kind === nonVoidResult) return { ...base, result: at(4, 'Completion') };
        throw new InvalidDataError('Invalid invocation result kind.');
      }
      case MessageType.CancelInvocation:
        return { type, ...withHeaders(at(1, 'CancelInvocation')), invocationId: requiredString(at(2, 'CancelInvocation'), 'invocationId') };
      case MessageType.Ping:
        return { type };
      case MessageType.Close: {
        const error = value.length > 1 ? optionalString(value[1], 'error') : undefined;
        const allowReconnect = value.length > 2 && value[2] === true;
        return { type, ...(error === undefined ? {} : { error }), ...(allowReconnect ? { allowReconnect } : {}) };
      }
      case MessageType.Ack:
      case MessageType.Sequence: {
        const sequenceId = at(1, type === MessageType.Ack ? 'Ack' : 'Sequence');
        if (typeof sequenceId !== 'number' || !Number.isInteger(sequenceId)) throw new InvalidDataError("Expected 'sequenceId' to be of type Integer.");
        return { type, sequenceId };
      }
      default:
        return undefined;
    }
  }

  writeMessage(message: HubMessage): Uint8Array {
    return frameBinary(this.encoder.encodeSharedRef(toWireArray(message)));
  }
}

function toWireArray(message: HubMessage): unknown[] {
  switch (message.type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      const fields = [message.type, message.headers ?? {}, message.invocationId ?? null, message.target, message.arguments];
      if (message.streamIds?.length) fields.push(message.streamIds);
      return fields;
    }
    case MessageType.StreamItem:
      return [message.type, message.headers ?? {}, message.invocationId, message.item ?? null];
    case MessageType.Completion:
      if (message.error !== undefined) return [message.type, message.headers ?? {}, message.invocationId, errorResult, message.error];
      if (message.result === undefined) return [message.type, message.headers ?? {}, message.invocationId, voidResult];
      return [message.type, message.headers ?? {}, message.invocationId, nonVoidResult, message.result];
    case MessageType.CancelInvocation:
      return [message.type, message.headers ?? {}, message.invocationId];
    case MessageType.Ping:
      return [message.type];
    case MessageType.Close:
      return [message.type, message.error ?? null, message.allowReconnect ?? false];
    case MessageType.Ack:
    case MessageType.Sequence:
      return [message.type, message.sequenceId];
  }
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new InvalidDataError(`Expected '${name}' to be of type String.`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  return requiredString(value, name);
}

function readHeaders(value: unknown): Headers | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) throw new InvalidDataError('Expected headers to be a map.');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  for (const [, v] of entries) if (typeof v !== 'string') throw new InvalidDataError('Expected header values to be of type String.');
  return value as Headers;
}

function withHeaders(value: unknown): { headers?: Headers } {
  const headers = readHeaders(value);
  return headers ? { headers } : {};
}

function readStreamIds(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw new InvalidDataError("Expected 'streamIds' to be of type Array of String.");
  return value as string[];
}
