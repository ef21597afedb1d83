/** Hub message type numbers, as on the wire in both hub protocols. */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** Message headers: string pairs a client or a filter may attach. */
export type Headers = Record<string, string>;

/** A call of a hub method (client to server) or a client method (server to client). */
export interface InvocationMessage {
  readonly type: typeof MessageType.Invocation;
  readonly headers?: Headers;
  /** Absent for a non-blocking invocation, which gets no Completion. */
  readonly invocationId?: string;
  readonly target: string;
  readonly arguments: readonly unknown[];
  readonly streamIds?: readonly string[];
}

/** A call of a streaming hub method; its items come back as StreamItem messages. */
export interface StreamInvocationMessage {
  readonly type: typeof MessageType.StreamInvocation;
  readonly headers?: Headers;
  readonly invocationId: string;
  readonly target: string;
  readonly arguments: readonly unknown[];
  readonly streamIds?: readonly string[];
}

/** One item of a stream, in either direction. */
export interface StreamItemMessage {
  readonly type: typeof MessageType.StreamItem;
  readonly headers?: Headers;
  readonly invocationId: string;
  readonly item: unknown;
}

/** The end of an invocation or a stream: its result or its error. */
export interface CompletionMessage {
  readonly type: typeof MessageType.Completion;
  readonly headers?: Headers;
  readonly invocationId: string;
  readonly error?: string;
  /** Undefined means the method returned nothing; null is a result. */
  readonly result?: unknown;
}

/** The client no longer wants a stream it started. */
export interface CancelInvocationMessage {
  readonly type: typeof MessageType.CancelInvocation;
  readonly headers?: Headers;
  readonly invocationId: string;
}

/** Keeps an idle connection alive. */
export interface PingMessage {
  readonly type: typeof MessageType.Ping;
}

/** The server closes the connection, with an error and whether the client may reconnect. */
export interface CloseMessage {
  readonly type: typeof MessageType.Close;
  readonly error?: string;
  readonly allowReconnect?: boolean;
}

/** Stateful reconnect: the messages up to `sequenceId` arrived. */
export interface AckMessage {
  readonly type: typeof MessageType.Ack;
  readonly sequenceId: number;
}

/** Stateful reconnect: the next message has this sequence number. */
export interface SequenceMessage {
  readonly type: typeof MessageType.Sequence;
  readonly sequenceId: number;
}

/** Every hub message, keyed by its wire type number. */
export type HubMessage =
  | InvocationMessage
  | StreamItemMessage
  | CompletionMessage
  | StreamInvocationMessage
  | CancelInvocationMessage
  | PingMessage
  | CloseMessage
  | AckMessage
  | SequenceMessage;

/** Messages counted by stateful reconnect's sequence numbers; Ping, Close, Ack and Sequence are not. */
export function isSequencedMessage(message: HubMessage): boolean {
  return message.type <= MessageType.CancelInvocation;
}

export const pingMessage: PingMessage = Object.freeze({ type: MessageType.Ping });
