import { InvalidDataError } from '../errors.js';
import { decodeUtf8 } from './utf8.js';

/** Parses a frame holding one JSON object (a handshake or a JSON hub message). */
export function parseJsonObject(frame: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(frame));
  } catch (error) {
    throw error instanceof InvalidDataError ? error : new InvalidDataError('Error reading JSON.', { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidDataError('Unexpected JSON Token Type. Expected a JSON Object.');
  return value as Record<string, unknown>;
}
