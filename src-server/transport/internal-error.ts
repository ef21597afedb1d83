import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { LogFields, Logger } from '../log.js';
import { refuseUpgrade, sendText } from './http-responses.js';

/**
 * Logs an error under a fresh id and returns the text a client gets for it: the id, which lets
 * an operator find the details in the log, and nothing about the server's internals.
 */
export function logInternalError(logger: Logger, error: unknown, fields: LogFields = {}): string {
  const id = randomBytes(4).toString('hex');
  logger.error('internal error', { errorId: id, ...fields, error });
  return `An unexpected error occurred on the server (error id ${id}).`;
}

/** Answers a request that failed inside the server with 500 and a logged error id. */
export function answerInternalError(res: ServerResponse, logger: Logger, error: unknown, fields: LogFields = {}): void {
  const text = logInternalError(logger, error, fields);
  if (res.headersSent) res.destroy();
  else sendText(res, 500, text);
}

/** Refuses an upgrade that failed inside the server with 500 and a logged error id. */
export function refuseUpgradeWithInternalError(socket: Duplex, logger: Logger, error: unknown, fields: LogFields = {}): void {
  refuseUpgrade(socket, 500, logInternalError(logger, error, fields));
}
