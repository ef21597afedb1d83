import type { HubConnectionContext } from '../connection/hub-connection-context.js';
import { HubException, InvalidDataError } from '../errors.js';
import type { InvocationMessage, StreamInvocationMessage } from '../protocol/messages.js';
import { bindingFailureText, invocationErrorText } from '../error-messages.js';
import { ClientStream } from './client-stream.js';
import type { HubMethod } from './method-table.js';

/** The arguments for a call, or the error text to answer it with. */
export type Binding = { readonly args: unknown[] } | { readonly error: string };

/**
 * Checks a call's argument and stream counts and its arguments (the method's validator), then
 * builds the argument list with upload streams at their parameters' positions, registered on the
 * connection so their StreamItems find them. Error texts are ASP.NET Core's.
 */
export function bindArguments(
  connection: HubConnectionContext,
  message: InvocationMessage | StreamInvocationMessage,
  method: HubMethod,
  options: { readonly detailed: boolean; readonly streamBufferCapacity: number },
): Binding {
  const streamIds = message.streamIds ?? [];
  const positions = method.streamParameters;
  if (positions && positions.length !== streamIds.length) {
    const error = new HubException(`Client sent ${streamIds.length} stream(s), Hub method expects ${positions.length}.`);
    return { error: invocationErrorText(message.target, error, options.detailed) };
  }
  const expected = method.parameterCount - streamIds.length;
  if (message.arguments.length !== expected) {
    const error = new InvalidDataError(`Invocation provides ${message.arguments.length} argument(s) but target expects ${expected}.`);
    return { error: bindingFailureText(message.target, error, options.detailed) };
  }
  const problem = method.validate?.(message.arguments);
  if (problem !== undefined) return { error: bindingFailureText(message.target, new HubException(problem), options.detailed) };
  if (streamIds.some((id) => connection.uploadStreams.has(id))) {
    return { error: bindingFailureText(message.target, new InvalidDataError('A stream id in the invocation is already in use.'), options.detailed) };
  }
  // Arguments are handed on as they were parsed unless streams must be put among them.
  if (streamIds.length === 0) return { args: message.arguments as unknown[] };
  const args = [...message.arguments];
  streamIds.forEach((id, index) => {
    const check = method.streamItemChecks?.[index];
    const stream = new ClientStream(options.streamBufferCapacity, check && ((item: unknown) => check(item, `item of stream ${index + 1}`)));
    connection.uploadStreams.set(id, stream);
    if (positions) args.splice(positions[index]!, 0, stream);
    else args.push(stream);
  });
  return { args };
}
