import { HubServerError, OperationCanceledError } from '../errors.js';

/** Redis could not be reached, so an operation that needs another server could not be carried out. */
export class BackplaneUnavailableError extends HubServerError {
  // The type StackExchange.Redis raises when it has no connection, as ASP.NET Core would report it.
  override readonly name = 'RedisConnectionException';
  constructor(message: string, options?: { cause?: unknown }) {
    super('backplane_unavailable', message, options);
  }
}

/** No server acknowledged a group change for a connection that is not on this server in time. */
export class GroupAckTimeoutError extends OperationCanceledError {
  override readonly code = 'group_ack_timeout';
}
