import { isUtf8 } from 'node:buffer';
import { InvalidDataError } from '../errors.js';

/** Decodes UTF-8, refusing invalid sequences instead of replacing them as Buffer#toString would. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new InvalidDataError('The message is not valid UTF-8.');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
