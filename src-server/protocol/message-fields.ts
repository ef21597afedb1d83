import { InvalidDataError } from '../errors.js';
import {
  type CancelInvocationMessage,
  type CloseMessage,
  type CompletionMessage,
  type Headers,
  type HubMessage,
  type InvocationMessage,
  MessageType,
  type StreamItemMessage,
  pingMessage,
} from './messages.js';

/**
 * Builds a hub message from a decoded object keyed by the JSON protocol's field names, checking
 * each field's type. Returns undefined for unknown message types, which the protocol says to ignore.
 */
export function readMessageFields(fields: Record<string, unknown>): HubMessage | undefined {
  const type = fields.type;
  if (type === undefined) throw missing('type');
  if (typeof type !== 'number' || !Number.isInteger(type)) throw wrongType('type', 'Integer');
  switch (type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation: {
      const invocationId = type === MessageType.Invocation ? optionalString(fields, 'invocationId') : requiredString(fields, 'invocationId');
      // Fields are set one by one rather than spread: this runs for every call a client makes.
      const message: Mutable<InvocationMessage> = { type: MessageType.Invocation, target: requiredString(fields, 'target'), arguments: requiredArray(fields, 'arguments') };
      if (invocationId !== undefined) message.invocationId = invocationId;
      const headers = headersOf(fields);
      if (headers) message.headers = headers;
      const streamIds = streamIdsOf(fields);
      if (streamIds) message.streamIds = streamIds;
      if (type === MessageType.StreamInvocation) return { ...message, type, invocationId: invocationId! };
      return message;
    }
    case MessageType.StreamItem: {
      if (!('item' in fields)) throw missing('item');
      const message: Mutable<StreamItemMessage> = { type, invocationId: requiredString(fields, 'invocationId'), item: fields.item };
      const headers = headersOf(fields);
      if (headers) message.headers = headers;
      return message;
    }
    case MessageType.Completion: {
      const invocationId = requiredString(fields, 'invocationId');
      const error = optionalString(fields, 'error');
      if (error !== undefined && 'result' in fields) throw new InvalidDataError("The 'error' and 'result' properties are mutually exclusive.");
      const message: Mutable<CompletionMessage> = error !== undefined ? { type, invocationId, error } : { type, invocationId, result: fields.result };
      const headers = headersOf(fields);
      if (headers) message.headers = headers;
      return message;
    }
    case MessageType.CancelInvocation: {
      const message: Mutable<CancelInvocationMessage> = { type, invocationId: requiredString(fields, 'invocationId') };
      const headers = headersOf(fields);
      if (headers) message.headers = headers;
      return message;
    }
    case MessageType.Ping:
      return pingMessage;
    case MessageType.Close: {
      const error = optionalString(fields, 'error');
      const allowReconnect = fields.allowReconnect;
      if (allowReconnect !== undefined && typeof allowReconnect !== 'boolean') throw wrongType('allowReconnect', 'Boolean');
      const message: Mutable<CloseMessage> = { type };
      if (error !== undefined) message.error = error;
      if (allowReconnect) message.allowReconnect = allowReconnect;
      return message;
    }
    case MessageType.Ack:
    case MessageType.Sequence:
      return { type, sequenceId: requiredInteger(fields, 'sequenceId') };
    default:
      return undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function missing(name: string): InvalidDataError {
  return new InvalidDataError(`Missing required property '${name}'.`);
}

function wrongType(name: string, typeName: string): InvalidDataError {
  return new InvalidDataError(`Expected '${name}' to be of type ${typeName}.`);
}

function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) throw missing(name);
  if (typeof value !== 'string') throw wrongType(name, 'String');
  return value;
}

function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'String');
  return value;
}

function requiredArray(fields: Record<string, unknown>, name: string): unknown[] {
  const value = fields[name];
  if (value === undefined) throw missing(name);
  if (!Array.isArray(value)) throw wrongType(name, 'Array');
  return value;
}

function requiredInteger(fields: Record<string, unknown>, name: string): number {
  const value = fields[name];
  if (value === undefined) throw missing(name);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'Integer');
  return value;
}

function headersOf(fields: Record<string, unknown>): Headers | undefined {
  const value = fields.headers;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType('headers', 'Object');
  for (const v of Object.values(value)) if (typeof v !== 'string') throw new InvalidDataError("Expected header values to be of type String.");
  return value as Headers;
}

function streamIdsOf(fields: Record<string, unknown>): string[] | undefined {
  const value = fields.streamIds;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw wrongType('streamIds', 'Array of String');
  return value.length > 0 ? (value as string[]) : undefined;
}
