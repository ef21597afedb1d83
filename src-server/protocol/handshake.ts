import { InvalidDataError } from '../errors.js';
import { parseJsonObject } from './json-object.js';
import { recordSeparator } from './text-framing.js';

/** The first frame a client sends: which hub protocol it speaks, and which version of it. */
export interface HandshakeRequest {
  readonly protocol: string;
  readonly version: number;
}

/** Parses a handshake frame (JSON, without its record separator). */
export function parseHandshakeRequest(frame: Uint8Array): HandshakeRequest {
  const { protocol, version } = parseJsonObject(frame);
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
