import type { FrameReader } from './frame-reader.js';
import type { HubProtocol } from './hub-protocol.js';
import { type Headers, type HubMessage, MessageType } from './messages.js';
import { readMessageFields } from './message-fields.js';
import { TextFrameReader, recordSeparator } from './text-framing.js';
import { parseJsonObject } from './json-object.js';

/** The JSON hub protocol: one JSON object per record-separated text frame. */
export class JsonHubProtocol implements HubProtocol {
  readonly name = 'json';
  readonly version = 2;
  readonly transferFormat = 'Text' as const;

  createFrameReader(maximumMessageSize: number | null): FrameReader {
    return new TextFrameReader(maximumMessageSize);
  }

  parseMessage(frame: Uint8Array): HubMessage | undefined {
    return readMessageFields(parseJsonObject(frame));
  }

  writeMessage(message: HubMessage): string {
    // Completions and stream items are written once per call or item: spelled out, they skip
    // building an intermediate object.
    if (message.type === MessageType.Completion && !hasHeaders(message.headers)) {
      const id = JSON.stringify(message.invocationId);
      if (message.error !== undefined) return `{"type":3,"invocationId":${id},"error":${JSON.stringify(message.error)}}${recordSeparator}`;
      const result = message.result === undefined ? undefined : stringifyValue(message.result);
      return result === undefined ? `{"type":3,"invocationId":${id}}${recordSeparator}` : `{"type":3,"invocationId":${id},"result":${result}}${recordSeparator}`;
    }
    if (message.type === MessageType.StreamItem && !hasHeaders(message.headers)) {
      return `{"type":2,"invocationId":${JSON.stringify(message.invocationId)},"item":${stringifyValue(message.item ?? null) ?? 'null'}}${recordSeparator}`;
    }
    return stringifyValue(toWireObject(message)) + recordSeparator;
  }
}

/**
 * JSON.stringify, with byte arrays (Uint8Array, Buffer) written as Base64 strings as
 * System.Text.Json writes byte[], so a .NET client reads them back as byte[].
 */
function stringifyValue(value: unknown): string | undefined {
  // A replacer slows JSON.stringify down by half or more; looking for bytes first costs far less.
  return containsBytes(value, 0) ? JSON.stringify(value, bytesAsBase64) : JSON.stringify(value);
}

function containsBytes(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Uint8Array) return true;
  // Deeper than any hub message goes; JSON.stringify refuses cycles on its own.
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsBytes(item, depth + 1));
  for (const key in value) if (containsBytes((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

function bytesAsBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // A Buffer's own toJSON has already run by now; the holder still has the original.
  const original = this[key];
  return original instanceof Uint8Array ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64') : value;
}

// Builds the object for JSON.stringify with only the fields the protocol defines, in its order.
function toWireObject(message: HubMessage): Record<string, unknown> {
  switch (message.type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation:
      return withHeaders(message.headers, {
        type: message.type,
        invocationId: message.invocationId,
        target: message.target,
        arguments: message.arguments,
        streamIds: message.streamIds?.length ? message.streamIds : undefined,
      });
    case MessageType.StreamItem:
      return withHeaders(message.headers, { type: message.type, invocationId: message.invocationId, item: message.item ?? null });
    case MessageType.Completion:
      return withHeaders(message.headers, message.error !== undefined
        ? { type: message.type, invocationId: message.invocationId, error: message.error }
        : { type: message.type, invocationId: message.invocationId, result: message.result });
    case MessageType.CancelInvocation:
      return withHeaders(message.headers, { type: message.type, invocationId: message.invocationId });
    case MessageType.Ping:
      return { type: message.type };
    case MessageType.Close:
      return { type: message.type, error: message.error, allowReconnect: message.allowReconnect || undefined };
    case MessageType.Ack:
    case MessageType.Sequence:
      return { type: message.type, sequenceId: message.sequenceId };
  }
}

function hasHeaders(headers: Headers | undefined): headers is Headers {
  return headers !== undefined && Object.keys(headers).length > 0;
}

function withHeaders(headers: Headers | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  return hasHeaders(headers) ? { ...fields, headers } : fields;
}
