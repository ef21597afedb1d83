import type { MonotonicClock } from '../clock.js';
import { buildErrorMessage, closeErrorText } from '../error-messages.js';
import { HubException, MessageTooLargeError, OperationCanceledError } from '../errors.js';
import type { FrameReader } from '../protocol/frame-reader.js';
import { handshakeResponse, parseHandshakeRequest } from '../protocol/handshake.js';
import { HandshakeReader } from '../protocol/handshake-reader.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType, pingMessage } from '../protocol/messages.js';
import type { ConnectionApplication, HttpConnection } from '../transport/http-connection.js';
import type { ConnectionDispatcher, HubConnectionSettings } from './connection-dispatcher.js';
import { HubConnectionContext } from './hub-connection-context.js';
import { InvocationLimiter } from './invocation-limiter.js';
import type { KeepAlive } from './keep-alive.js';
import { OutboundQueue } from './outbound-queue.js';
import { ReconnectBuffer } from './reconnect-buffer.js';
import { aboutConnection } from './connection-log.js';
import { isThenable } from '../thenable.js';

// Past this many parsed-but-unhandled messages the transport stops reading, so a client that
// outruns its invocations or uploads is held back by TCP instead of growing our memory.
const inboundHighWater = 64;

/** What all the connections of one hub share. */
export interface ConnectionScope {
  readonly hub: HubConnectionSettings;
  readonly dispatcher: ConnectionDispatcher;
  readonly protocols: ReadonlyMap<string, HubProtocol>;
  readonly clock: MonotonicClock;
  readonly keepAlive: KeepAlive;
  /** The live connections by id; a connection leaves it when it ends. */
  readonly live: Map<string, HubConnectionDriver>;
}

type Phase = 'handshake' | 'connected' | 'ended';

/** One connection's life from the first byte to the end. */
export class HubConnectionDriver implements ConnectionApplication {
  private phase: Phase = 'handshake';
  private readonly handshakeReader: HandshakeReader;
  private readonly startedAt: number;
  private reader: FrameReader | undefined;
  private context: HubConnectionContext | undefined;
  private readonly inbound: HubMessage[] = [];
  private draining = true; // until onConnected has run, messages wait
  private paused = false;
  private connected: Promise<void> | undefined;
  // Traffic since the last heartbeat, which turns it into times: no clock read per message.
  private receivedSinceBeat = false;
  private lastReceivedAt = 0;
  private lastSentAt = 0;

  constructor(
    private readonly transport: HttpConnection,
    private readonly scope: ConnectionScope,
  ) {
    this.handshakeReader = new HandshakeReader(scope.hub.options.maximumReceiveMessageSize);
    this.startedAt = scope.clock();
  }

  private get hub(): HubConnectionSettings {
    return this.scope.hub;
  }

  private get dispatcher(): ConnectionDispatcher {
    return this.scope.dispatcher;
  }

  onData(chunk: Uint8Array): void {
    if (this.phase === 'ended') return;
    this.hub.stats.bytesReceived += chunk.byteLength;
    try {
      if (this.phase === 'handshake') {
        const handshake = this.handshakeReader.push(chunk);
        if (!handshake) return;
        if (!this.handshake(handshake.frame)) return;
        chunk = handshake.rest;
        if (chunk.length === 0) return;
      }
      const context = this.context!;
      this.receivedSinceBeat = true;
      const buffer = context.outbound.reconnectBuffer;
      for (const frame of this.reader!.push(chunk)) {
        const message = context.protocol.parseMessage(frame);
        if (!message) continue;
        this.hub.stats.messagesReceived++;
        if (buffer) {
          if (!buffer.shouldProcess(message)) continue;
          if (message.type === MessageType.Ack) buffer.ack(message.sequenceId);
          if (message.type === MessageType.Sequence) buffer.resetSequence(message.sequenceId);
        }
        this.inbound.push(message);
      }
      if (this.draining) this.holdBack();
      else this.drain();
    } catch (error) {
      if (this.phase === 'handshake') this.refuseHandshake(error instanceof MessageTooLargeError
        ? 'Handshake was canceled.'
        : buildErrorMessage('An unexpected error occurred during connection handshake.', error, this.hub.options.enableDetailedErrors));
      else this.closeWithError(error);
    }
  }

  /** Applies the hub's time rules (KeepAlive) to this connection; the handler calls it on every heartbeat. */
  onHeartbeat(now: number): void {
    if (this.phase === 'handshake') {
      if (this.scope.keepAlive.handshakeTimedOut(this.startedAt, now)) this.refuseHandshake('Handshake was canceled.');
      return;
    }
    const context = this.context;
    // While a stateful-reconnect client is away, the disconnect timeout decides, not the client timeout.
    if (this.phase !== 'connected' || !context || this.transport.state !== 'active') return;
    const outbound = context.outbound;
    if (this.receivedSinceBeat) {
      this.receivedSinceBeat = false;
      this.lastReceivedAt = now;
    }
    if (outbound.sentSinceBeat) {
      outbound.sentSinceBeat = false;
      this.lastSentAt = now;
    }
    const ack = outbound.reconnectBuffer?.takeAck();
    if (ack !== undefined) outbound.write({ type: MessageType.Ack, sequenceId: ack });
    switch (this.scope.keepAlive.verdict(this.lastReceivedAt, this.lastSentAt, context.user?.expiresAt, now)) {
      case 'expired':
        // Always worded for the client: it must sign in again rather than retry as it is.
        this.closeWithError(new HubException('The authentication has expired; sign in again.'));
        break;
      case 'timedOut':
        this.closeWithError(new OperationCanceledError("Client hasn't sent a message/ping within the configured ClientTimeoutInterval."));
        break;
      case 'ping':
        outbound.write(pingMessage);
        break;
      case 'quiet':
        break;
    }
    outbound.flushLatest();
  }

  get hubConnection(): HubConnectionContext | undefined {
    return this.phase === 'connected' ? this.context : undefined;
  }

  onTransportLost(): void {
    this.context?.outbound.reconnectBuffer?.disconnected();
  }

  onReconnected(): void {
    const outbound = this.context?.outbound;
    if (!outbound?.reconnectBuffer) return;
    this.hub.stats.statefulReconnects++;
    this.lastReceivedAt = this.scope.clock();
    outbound.resume();
  }

  onInvalidData(error: Error): void {
    if (this.phase === 'handshake') this.refuseHandshake('Handshake was canceled.');
    else if (this.phase === 'connected') this.closeWithError(error);
  }

  async onServerDraining(deadline: number): Promise<void> {
    const context = this.hubConnection;
    if (context) await settledBy(context.limiter.idle(), deadline - this.scope.clock());
    this.onServerClosing();
  }

  onServerClosing(): void {
    if (this.phase === 'connected') this.context!.close(undefined, true);
    else this.transport.close();
  }

  onEnd(error?: Error): void {
    if (this.phase === 'ended') return;
    const wasConnected = this.phase === 'connected';
    this.phase = 'ended';
    this.scope.live.delete(this.transport.connectionId);
    const context = this.context;
    if (!wasConnected || !context) return;
    context.markEnded();
    this.hub.stats.disconnected(context.transport, context.protocol.name);
    const disconnectError = context.closeError ?? error;
    // onDisconnected runs after onConnected has finished, never concurrently with it.
    void (this.connected ?? Promise.resolve()).finally(() => this.dispatcher.onDisconnected(context, disconnectError));
  }

  /** Validates the handshake and answers it; returns false when the connection was refused. */
  private handshake(frame: Uint8Array): boolean {
    const request = parseHandshakeRequest(frame);
    const protocol = this.scope.protocols.get(request.protocol);
    if (!protocol) {
      this.refuseHandshake(`The protocol '${request.protocol}' is not supported.`);
      return false;
    }
    if (request.version > protocol.version) {
      this.refuseHandshake(`The server does not support version ${request.version} of the '${request.protocol}' protocol.`);
      return false;
    }
    if (!this.transport.transferFormats.includes(protocol.transferFormat)) {
      this.refuseHandshake(
        `Cannot use the '${protocol.name}' protocol on the current transport. The transport does not support '${protocol.transferFormat}' transfer format.`,
      );
      return false;
    }
    // Everything that can fail happens before the client is told the handshake succeeded.
    const user = this.transport.user;
    const userIdentifier = user === undefined ? undefined : this.hub.userIdOf(user);
    if (isThenable(userIdentifier)) {
      userIdentifier.then(undefined, () => {});
      throw new TypeError('userIdProvider must return a string or undefined, not a promise.');
    }
    this.transport.send(handshakeResponse());
    // Stateful reconnect needs protocol version 2 on top of negotiate's consent.
    if (request.version < 2) this.transport.statefulReconnect = false;
    const { options, stats } = this.hub;
    const outbound = new OutboundQueue(this.transport, protocol, options, stats);
    if (this.transport.statefulReconnect) outbound.reconnectBuffer = new ReconnectBuffer(options.statefulReconnectBufferSize);
    const limiter = new InvocationLimiter(options.maximumParallelInvocationsPerClient, options.invocationRateLimit, this.scope.clock);
    const context = new HubConnectionContext(this.transport, protocol, user, userIdentifier, outbound, limiter);
    this.context = context;
    this.lastReceivedAt = this.lastSentAt = this.scope.clock();
    this.reader = protocol.createFrameReader(this.hub.options.maximumReceiveMessageSize);
    this.phase = 'connected';
    this.connected = this.start(context);
    return true;
  }

  private async start(context: HubConnectionContext): Promise<void> {
    this.hub.stats.connected(context.transport, context.protocol.name);
    try {
      await this.dispatcher.onConnected(context);
    } catch (error) {
      this.hub.logger.warn('onConnected failed; closing the connection', aboutConnection(context, { error }));
      this.closeWithError(error);
      return;
    }
    this.draining = false;
    this.drain();
  }

  private refuseHandshake(error: string): void {
    // No user identifier here: a failing userIdProvider is one reason a handshake is refused.
    this.hub.logger.debug('handshake refused', { connectionId: this.transport.connectionId, error });
    this.phase = 'ended';
    this.scope.live.delete(this.transport.connectionId);
    this.transport.send(handshakeResponse(error));
    this.transport.close();
  }

  private closeWithError(error: unknown): void {
    const context = this.context;
    if (!context || context.isClosed) return;
    this.hub.logger.debug('closing connection with an error', aboutConnection(context, { error }));
    context.closeError = error instanceof Error ? error : new Error(String(error));
    context.close(closeErrorText(error, this.hub.options.enableDetailedErrors));
  }

  /** Hands queued messages to the dispatcher in order, pausing while it asks to wait. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const context = this.context!;
    while (this.inbound.length > 0) {
      if (context.isClosed) {
        this.inbound.length = 0;
        break;
      }
      let wait: Promise<void> | undefined;
      try {
        wait = this.dispatcher.dispatch(context, this.inbound.shift()!);
      } catch (error) {
        // A hook the dispatcher called (a lifetime manager, say) failed: this connection ends, nothing else.
        this.hub.logger.error('a message could not be handled; closing the connection', aboutConnection(context, { error }));
        this.closeWithError(error);
        this.inbound.length = 0;
        break;
      }
      if (wait) {
        this.holdBack();
        void wait.then(() => {
          this.draining = false;
          this.drain();
        });
        return;
      }
    }
    this.draining = false;
    if (this.paused) {
      this.paused = false;
      this.transport.resumeReading();
    }
  }

  private holdBack(): void {
    if (!this.paused && this.inbound.length >= inboundHighWater) {
      this.paused = true;
      this.transport.pauseReading();
    }
  }
}

/** Resolves when `work` does or after `ms`, whichever comes first. */
function settledBy(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
