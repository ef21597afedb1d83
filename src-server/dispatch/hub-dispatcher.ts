import type { ConnectionDispatcher } from '../connection/connection-dispatcher.js';
import type { HubConnectionContext } from '../connection/hub-connection-context.js';
import {
  closeErrorText,
  invocationErrorText,
  nonStreamingViaStreamText,
  streamErrorText,
  streamingViaInvokeText,
  unauthorizedText,
  unknownMethodText,
} from '../error-messages.js';
import { ClientError, HubException } from '../errors.js';
import {
  type CompletionMessage,
  type HubMessage,
  type InvocationMessage,
  MessageType,
  type StreamInvocationMessage,
  type StreamItemMessage,
} from '../protocol/messages.js';
import { isThenable } from '../thenable.js';
import { bindArguments } from './argument-binder.js';
import { aboutConnection } from '../connection/connection-log.js';
import type { HubDefinition } from './hub-definition.js';
import { InvocationPipeline, refused } from './invocation-pipeline.js';
import type { HubMethod } from './method-table.js';
import { pumpStream } from './stream-pump.js';

/** Turns a connection's messages into hub method calls and their results into messages. */
export class HubDispatcher implements ConnectionDispatcher {
  private readonly pipeline: InvocationPipeline;

  constructor(private readonly hub: HubDefinition) {
    this.pipeline = new InvocationPipeline(hub);
  }

  /** Registers the connection with the lifetime manager, then runs the hub's onConnected; a throw means the connection must close. */
  async onConnected(connection: HubConnectionContext): Promise<void> {
    await this.hub.manager.onConnected(connection);
    await this.pipeline.connected(connection);
  }

  /** Unregisters the connection, ends its upload streams and runs the hub's onDisconnected; never throws. */
  async onDisconnected(connection: HubConnectionContext, error: Error | undefined): Promise<void> {
    try {
      await this.hub.manager.onDisconnected(connection);
    } catch (managerError) {
      this.hub.logger.error('the lifetime manager failed to remove a connection', aboutConnection(connection, { error: managerError }));
    }
    for (const stream of connection.uploadStreams.values()) stream.complete(new ClientError('The connection ended before the stream completed.'));
    connection.uploadStreams.clear();
    try {
      await this.pipeline.disconnected(connection, error);
    } catch (hubError) {
      this.hub.logger.error('onDisconnected threw', aboutConnection(connection, { error: hubError }));
    }
  }

  /**
   * Handles one message. Returns a promise when the connection must not handle its next message
   * until it settles: an invocation waiting for a free slot, or a full upload stream.
   */
  dispatch(connection: HubConnectionContext, message: HubMessage): Promise<void> | undefined {
    switch (message.type) {
      case MessageType.Invocation:
        return this.invocation(connection, message);
      case MessageType.StreamInvocation:
        return this.streamInvocation(connection, message);
      case MessageType.StreamItem:
        return this.streamItem(connection, message);
      case MessageType.Completion:
        this.completion(connection, message);
        return undefined;
      case MessageType.CancelInvocation:
        connection.activeStreams.get(message.invocationId)?.abort();
        return undefined;
      case MessageType.Close:
        connection.end();
        return undefined;
      case MessageType.Ping:
      case MessageType.Ack:
      case MessageType.Sequence:
        return undefined;
    }
  }

  private invocation(connection: HubConnectionContext, message: InvocationMessage): Promise<void> | undefined {
    if (!connection.limiter.allowCall()) return this.overLimit(connection, message.invocationId, message.target);
    const method = this.hub.methods.resolve(message.target);
    if (!method) return this.reject(connection, message.invocationId, unknownMethodText(message.target));
    if (method.streaming) return this.reject(connection, message.invocationId, streamingViaInvokeText(message.target));
    const args = this.bind(connection, message, method);
    if (!args) return undefined;
    if (connection.limiter.tryAcquire()) {
      this.run(connection, message, method, args);
      return undefined;
    }
    return connection.limiter.acquire().then(() => this.run(connection, message, method, args));
  }

  /**
   * Runs a method and answers it. A method without policies or filters that returns a plain
   * value is answered synchronously: most calls then cost no promise at all.
   */
  private run(connection: HubConnectionContext, message: InvocationMessage, method: HubMethod, args: unknown[]): void {
    const started = performance.now();
    if (this.pipeline.isGuarded(method)) {
      void this.settle(connection, message, started, this.pipeline.call(connection, method, args));
      return;
    }
    let result: unknown;
    try {
      result = this.pipeline.callDirectly(connection, method, args);
    } catch (error) {
      this.finish(connection, message, started, error, true);
      return;
    }
    if (isThenable(result)) void this.settle(connection, message, started, result);
    else this.finish(connection, message, started, result, false);
  }

  private async settle(connection: HubConnectionContext, message: InvocationMessage, started: number, pending: PromiseLike<unknown>): Promise<void> {
    let outcome: unknown;
    let failed = false;
    try {
      outcome = await pending;
    } catch (error) {
      outcome = error;
      failed = true;
    }
    this.finish(connection, message, started, outcome, failed);
  }

  /** Answers an invocation with its result or error, then frees its slot and its upload streams. */
  private finish(connection: HubConnectionContext, message: InvocationMessage, started: number, outcome: unknown, failed: boolean): void {
    const { invocationId } = message;
    let errored = failed;
    try {
      if (outcome === refused && !failed) {
        errored = true;
        this.reject(connection, invocationId, unauthorizedText(message.target));
      } else if (!failed) {
        // Writing serializes the result, which can fail (a BigInt, a cycle): that is the method's error.
        try {
          if (invocationId !== undefined) connection.write({ type: MessageType.Completion, invocationId, result: outcome });
        } catch (error) {
          errored = true;
          this.fail(connection, message, error);
        }
      } else {
        this.fail(connection, message, outcome);
      }
    } finally {
      this.hub.stats.invoked(this.hub.methods.resolve(message.target)?.name, performance.now() - started, errored);
      connection.limiter.release();
      this.endUploads(connection, message.streamIds);
    }
  }

  private fail(connection: HubConnectionContext, message: InvocationMessage, error: unknown): void {
    this.logFailure(connection, message.target, error);
    if (message.invocationId === undefined) return;
    connection.write({
      type: MessageType.Completion,
      invocationId: message.invocationId,
      error: invocationErrorText(message.target, error, this.hub.options.enableDetailedErrors),
    });
  }

  private streamInvocation(connection: HubConnectionContext, message: StreamInvocationMessage): Promise<void> | undefined {
    if (!connection.limiter.allowCall()) return this.overLimit(connection, message.invocationId, message.target);
    const method = this.hub.methods.resolve(message.target);
    if (!method) return this.reject(connection, message.invocationId, unknownMethodText(message.target));
    if (!method.streaming) return this.reject(connection, message.invocationId, nonStreamingViaStreamText(message.target));
    if (connection.activeStreams.has(message.invocationId)) {
      return this.reject(connection, message.invocationId, `Invocation ID '${message.invocationId}' is already in use.`);
    }
    const args = this.bind(connection, message, method);
    if (!args) return undefined;
    const cancel = new AbortController();
    connection.activeStreams.set(message.invocationId, cancel);
    const start = () => void this.stream(connection, message, method, args, cancel);
    if (connection.limiter.tryAcquire()) {
      start();
      return undefined;
    }
    return connection.limiter.acquire().then(start);
  }

  private async stream(
    connection: HubConnectionContext,
    message: StreamInvocationMessage,
    method: HubMethod,
    args: unknown[],
    cancel: AbortController,
  ): Promise<void> {
    const { invocationId } = message;
    const signal = AbortSignal.any([cancel.signal, connection.connectionAborted]);
    let error: string | undefined;
    let slotHeld = true;
    try {
      const value = await this.pipeline.call(connection, method, args, signal);
      // The slot guards the start of a stream only; a long stream must not block the caller's other calls.
      connection.limiter.release();
      slotHeld = false;
      if (value === refused) {
        error = unauthorizedText(message.target);
        return;
      }
      if (!isAsyncIterable(value)) {
        error = `The value returned by the streaming method '${method.name}' is not a ChannelReader<> or IAsyncEnumerable<>.`;
        return;
      }
      await pumpStream(connection, invocationId, value, signal, this.hub.options.streamBufferCapacity);
    } catch (caught) {
      if (!signal.aborted) {
        this.logFailure(connection, message.target, caught);
        error = streamErrorText(caught, this.hub.options.enableDetailedErrors);
      }
    } finally {
      if (slotHeld) connection.limiter.release();
      connection.activeStreams.delete(invocationId);
      this.endUploads(connection, message.streamIds);
      connection.write({ type: MessageType.Completion, invocationId, ...(error === undefined ? {} : { error }) });
    }
  }

  private streamItem(connection: HubConnectionContext, message: StreamItemMessage): Promise<void> | undefined {
    const stream = connection.uploadStreams.get(message.invocationId);
    if (!stream) {
      this.hub.logger.debug('stream item for an unknown stream ignored', aboutConnection(connection, { streamId: message.invocationId }));
      return undefined;
    }
    return stream.push(message.item);
  }

  private completion(connection: HubConnectionContext, message: CompletionMessage): void {
    const stream = connection.uploadStreams.get(message.invocationId);
    if (stream) {
      connection.uploadStreams.delete(message.invocationId);
      stream.complete(message.error === undefined ? undefined : new ClientError(message.error));
      return;
    }
    const routed: unknown = this.hub.manager.setConnectionResult(connection.connectionId, message);
    // The contract says boolean; a manager that answers with a promise may still reject it.
    if (isThenable(routed)) {
      void Promise.resolve(routed).catch((error: unknown) => {
        this.hub.logger.error('the lifetime manager failed to route a client result; closing the connection', aboutConnection(connection, { error }));
        connection.close(closeErrorText(error, this.hub.options.enableDetailedErrors));
      });
    } else if (!routed) {
      this.hub.logger.debug('completion for an unknown invocation ignored', aboutConnection(connection, { invocationId: message.invocationId }));
    }
  }

  /** The call's arguments; a call that does not bind is answered with its error here. */
  private bind(connection: HubConnectionContext, message: InvocationMessage | StreamInvocationMessage, method: HubMethod): unknown[] | undefined {
    const binding = bindArguments(connection, message, method, {
      detailed: this.hub.options.enableDetailedErrors,
      streamBufferCapacity: this.hub.options.streamBufferCapacity,
    });
    if ('error' in binding) return this.reject(connection, message.invocationId, binding.error);
    return binding.args;
  }

  private reject(connection: HubConnectionContext, invocationId: string | undefined, error: string): undefined {
    if (invocationId !== undefined) connection.write({ type: MessageType.Completion, invocationId, error });
    else this.hub.logger.debug('non-blocking invocation failed', aboutConnection(connection, { error }));
    return undefined;
  }

  private endUploads(connection: HubConnectionContext, streamIds: readonly string[] | undefined): void {
    for (const id of streamIds ?? []) {
      connection.uploadStreams.get(id)?.complete();
      connection.uploadStreams.delete(id);
    }
  }

  /**
   * Refuses a call past the rate limit, and holds the connection's further messages until the
   * limit allows one again: a flood is then slowed by TCP instead of costing a reply per call.
   */
  private overLimit(connection: HubConnectionContext, invocationId: string | undefined, target: string): Promise<void> {
    const limit = this.hub.options.invocationRateLimit!;
    this.reject(connection, invocationId, `Failed to invoke '${target}' because the connection exceeded its rate limit of ${limit.perSecond} invocations per second (bursts of ${limit.burst}).`);
    return new Promise((resolve) => setTimeout(resolve, connection.limiter.msUntilNextCall()));
  }

  private logFailure(connection: HubConnectionContext, target: string, error: unknown): void {
    const level = error instanceof HubException ? 'debug' : 'warn';
    this.hub.logger[level]('hub method failed', aboutConnection(connection, { method: target, error }));
  }
}


function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}
