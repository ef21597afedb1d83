/**
 * Errors raised by the hub server. Each has a stable `code` for programs; `name` follows the
 * .NET exception type that ASP.NET Core SignalR would raise, because that name is part of the
 * error texts clients see when detailed errors are on.
 */
export class HubServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Thrown by hub methods to send its message to the caller, like ASP.NET Core's HubException. */
export class HubException extends HubServerError {
  override readonly name = 'HubException';
  constructor(message: string, options?: { cause?: unknown }) {
    super('hub_exception', message, options);
  }
}

/** Input that breaks the protocol: malformed or oversized frames, arguments that cannot bind. */
export class InvalidDataError extends HubServerError {
  override readonly name = 'InvalidDataException';
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_data', message, options);
  }
}

/** A message longer than maximumReceiveMessageSize. */
export class MessageTooLargeError extends InvalidDataError {
  override readonly code = 'message_too_large';
}

/** A connection dropped because it let too much outbound data pile up unread. */
export class OutboundOverflowError extends HubServerError {
  override readonly name = 'OutboundOverflowError';
  constructor(limit: number) {
    super('outbound_overflow', `The connection was dropped: more than ${limit} bytes were waiting to be sent to it.`);
  }
}

/** A call made in a state that forbids it, e.g. a client result with parallel invocations off. */
export class InvalidOperationError extends HubServerError {
  override readonly name = 'InvalidOperationException';
  constructor(message: string) {
    super('invalid_operation', message);
  }
}

/** An operation cut short by a timeout or a cancellation. */
export class OperationCanceledError extends HubServerError {
  override readonly name = 'OperationCanceledException';
  constructor(message: string) {
    super('operation_canceled', message);
  }
}

/** A client result that could not be obtained because the client is gone or was never there. */
export class ConnectionLostError extends HubServerError {
  override readonly name = 'IOException';
  constructor(message: string) {
    super('connection_lost', message);
  }
}

/** An error a client reported: a failed client result, or an upload stream it ended with an error. */
export class ClientError extends HubServerError {
  override readonly name = 'Exception';
  constructor(message: string) {
    super('client_error', message);
  }
}
