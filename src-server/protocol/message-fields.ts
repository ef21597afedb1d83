import { InvalidDataError } from '../errors.js';
import { type Headers, type HubMessage, MessageType } from './messages.js';

/**
 * Builds a hub message from a decoded object keyed by the JSON protocol's field names, checking
 * each field's type. Returns undefined for unknown message types, which the protocol says to ignore.
 */
export function readMessageFields(fields: Record<string, unknown>): HubMessage | undefined {
  const type = fields.type;
  if (type === undefined) throw missing('type');
  if (typeof type !== 'number' || !Number.isInteger(type)) throw wrongType('type', 'Integer');
  switch (type) {
    case MessageType.Invocation: {
      const invocationId = optionalString(fields, 'invocationId');
      return {
        type,
        ...headersOf(fields),
        ...(invocationId === undefined ? {} : { invocationId }),
        target: requiredString(fields, 'target'),
        arguments: requiredArray(fields, 'arguments'),
        ...streamIdsOf(fields),
      };
    }
    case MessageType.StreamInvocation:
      return {
        type,
        ...headersOf(fields),
        invocationId: requiredString(fields, 'invocationId'),
        target: requiredString(fields, 'target'),
        arguments: requiredArray(fields, 'arguments'),
        ...streamIdsOf(fields),
      };
    case MessageType.StreamItem:
      if (!('item' in fields)) throw missing('item');
      return { type, ...headersOf(fields), invocationId: requiredString(fields, 'invocationId'), item: fields.item };
    case MessageType.Completion: {
      const invocationId = requiredString(fields, 'invocationId');
      const error = optionalString(fields, 'error');
      if (error !== undefined && 'result' in fields) throw new InvalidDataError("The 'error' and 'result' properties are mutually exclusive.");
      return error !== undefined
        ? { type, ...headersOf(fields), invocationId, error }
        : { type, ...headersOf(fields), invocationId, result: fields.result };
    }
    case MessageType.CancelInvocation:
      return { type, ...headersOf(fields), invocationId: requiredString(fields, 'invocationId') };
    case MessageType.Ping:
      return { type };
    case MessageType.Close: {
      const error = optionalString(fields, 'error');
      const allowReconnect = fields.allowReconnect;
      if (allowReconnect !== undefined && typeof allowReconnect !== 'boolean') throw wrongType('allowReconnect', 'Boolean');
      return { type, ...(error === undefined ? {} : { error }), ...(allowReconnect ? { allowReconnect } : {}) };
    }
    case MessageType.Ack:
    case MessageType.Sequence:
      return { type, sequenceId: requiredInteger(fields, 'sequenceId') };
    default:
      return undefined;
  }
}

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

function headersOf(fields: Record<string, unknown>): { headers?: Headers } {
  const value = fields.headers;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType('headers', 'Object');
  for (const v of Object.values(value)) if (typeof v !== 'string') throw new InvalidDataError("Expected header values to be of type String.");
  return { headers: value as Headers };
}

function streamIdsOf(fields: Record<string, unknown>): { streamIds?: string[] } {
  const value = fields.streamIds;
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw wrongType('streamIds', 'Array of String');
  return value.length > 0 ? { streamIds: value as string[] } : {};
}
