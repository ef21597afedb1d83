import { HubException, MessageTooLargeError } from './errors.js';

/**
 * Appends the error's type and message to a client-facing text when the error is a HubException
 * or detailed errors are on; otherwise the text stays generic so internals do not leak.
 */
export function buildErrorMessage(message: string, error: unknown, detailed: boolean): string {
  if (!(error instanceof HubException) && !detailed) return message;
  const { name, text } = describe(error);
  return `${message} ${name}: ${text}`;
}

function describe(error: unknown): { name: string; text: string } {
  if (error instanceof Error) return { name: error.name, text: error.message };
  return { name: 'Error', text: String(error) };
}

export const unknownMethodText = (target: string): string =>
  `Failed to invoke '${target}' due to an error on the server. HubException: Method does not exist.`;

export const bindingFailureText = (target: string, error: unknown, detailed: boolean): string =>
  buildErrorMessage(`Failed to invoke '${target}' due to an error on the server.`, error, detailed);

export const invocationErrorText = (target: string, error: unknown, detailed: boolean): string =>
  buildErrorMessage(`An unexpected error occurred invoking '${target}' on the server.`, error, detailed);

export const streamErrorText = (error: unknown, detailed: boolean): string =>
  buildErrorMessage('An error occurred on the server while streaming results.', error, detailed);

export const closeErrorText = (error: unknown, detailed: boolean): string =>
  buildErrorMessage('Connection closed with an error.', error, detailed);

export const streamingViaInvokeText = (target: string): string =>
  `The client attempted to invoke the streaming '${target}' method with a non-streaming invocation.`;

export const nonStreamingViaStreamText = (target: string): string =>
  `The client attempted to invoke the non-streaming '${target}' method with a streaming invocation.`;

export const unauthorizedText = (target: string): string => `Failed to invoke '${target}' because user is unauthorized`;

/** A message past the hub's size limit, whether the protocol or the transport measured it. */
export function messageTooLarge(maximum: number): MessageTooLargeError {
  return new MessageTooLargeError(`The maximum message size of ${maximum}B was exceeded. The message size can be configured in AddHubOptions.`);
}
