import { InvalidDataError } from '../errors.js';
import { decodeUtf8 } from './utf8.js';
import { recordSeparator } from './text-framing.js';

/** The first frame a client sends: which hub protocol it speaks, and which version of it. */
export interface HandshakeRequest {
  readonly protocol: string;
  readonly version: number;
}

/** Parses a handshake frame (JSON, without its record separator). */
export function parseHandshakeRequest(frame: Uint8Array): HandshakeRequest {
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(frame));
  } catch (error) {
    throw error instanceof InvalidDataError ? error : new InvalidDataError('Error reading JSON.', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidDataError('Unexpected JSON Token Type. Expected a JSON Object.');
  const { protocol, version } = value as Record<string, unknown>;
  if (protocol === undefined) throw new InvalidDataError("Missing required property 'protocol'.");
  if (typeof protocol !== 'string') throw new InvalidDataError("Expected 'protocol' to be of type String.");
  if (version === undefined) throw new InvalidDataError("Missing required property 'version'.");
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new InvalidDataError("Expected 'version' to be of type Integer.");
  return { protocol, version };
}

/** The handshake response frame: `{}` on success, `{"error":...}` on failure. */
export function handshakeResponse(error?: string): string {
  return (error === undefined ? '{}' : JSON.stringify({ error })) + recordSeparator;
}
