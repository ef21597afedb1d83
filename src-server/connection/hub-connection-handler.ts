import type { MonotonicClock } from '../clock.js';
import { buildErrorMessage, closeErrorText } from '../error-messages.js';
import { HubException, MessageTooLargeError, OperationCanceledError } from '../errors.js';
import type { HubStats } from '../hub-stats.js';
import type { Logger } from '../log.js';
import type { HubOptions } from '../options.js';
import type { FrameReader } from '../protocol/frame-reader.js';
import { handshakeResponse, parseHandshakeRequest } from '../protocol/handshake.js';
import { HandshakeReader } from '../protocol/handshake-reader.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import { type HubMessage, MessageType, pingMessage } from '../protocol/messages.js';
import type { HubUser } from '../shared-types.js';
import type { ConnectionApplication, ConnectionHandler, HttpConnection } from '../transport/http-connection.js';
import type { HeartbeatListener } from './heartbeat.js';
import { HubConnectionContext } from './hub-connection-context.js';
import { isThenable } from '../thenable.js';
import { ReconnectBuffer } from './reconnect-buffer.js';
import { aboutConnection } from './connection-log.js';

// Past this many parsed-but-unhandled messages the transport stops reading, so a client that
// outruns its invocations or uploads is held back by TCP instead of growing our memory.
const inboundHighWater = 64;

/** What the connection layer needs to know of the hub it serves. */
export interface HubConnectionSettings {
  readonly options: HubOptions;
  readonly stats: HubStats;
  readonly logger: Logger;
  /** The id `clients.user(...)` finds a user's connections by. */
  readonly userIdOf: (user: HubUser) => string | undefined;
}

/**
 * The layer above a hub connection, which runs what it receives (the hub dispatcher). It is handed
 * in, so the connection layer never imports dispatch.
 */
export interface ConnectionDispatcher {
  /** Runs once the handshake is done, before any message is dispatched; a throw closes the connection. */
  onConnected(connection: HubConnectionContext): Promise<void>;
  /** Runs once the connection has ended, after onConnected has finished; must not throw. */
  onDisconnected(connection: HubConnectionContext, error: Error | undefined): Promise<void>;
  /**
   * Handles one message. Returns a promise when the connection must not handle its next message
   * until it settles.
   */
  dispatch(connection: HubConnectionContext, message: HubMessage): Promise<void> | undefined;
}

/**
 * Runs a hub's connections: handshake, then messages in order through the dispatcher. It keeps
 * the registry of live hub connections and checks their timeouts on the heartbeat.
 */
export class HubConnectionHandler implements ConnectionHandler, HeartbeatListener {
  private readonly drivers = new Map<string, HubConnectionDriver>();

  constructor(
    private readonly hub: HubConnectionSettings,
    private readonly dispatcher: ConnectionDispatcher,
    private readonly protocols: ReadonlyMap<string, HubProtocol>,
    private readonly clock: MonotonicClock,
  ) {}

  /** Takes over a transport-level connection that has a transport attached. */
  accept(transport: HttpConnection): void {
    const driver = new HubConnectionDriver(transport, this.hub, this.dispatcher, this.protocols, this.clock, this.drivers);
    transport.application = driver;
    this.drivers.set(transport.connectionId, driver);
  }

  /** The hub connection with this id, if it lives here and finished its handshake. */
  connection(connectionId: string): HubConnectionContext | undefined {
    return this.drivers.get(connectionId)?.hubConnection;
  }

  /** Closes the hub connections `select` picks, telling each client `error`; returns how many. */
  closeWhere(select: (connection: HubConnectionContext) => boolean, error: string): number {
    let closed = 0;
    for (const driver of this.drivers.values()) {
      const connection = driver.hubConnection;
      if (connection && select(connection)) {
        connection.close(error);
        closed++;
      }
    }
    return closed;
  }

  onHeartbeat(now: number): void {
    for (const driver of this.drivers.values()) driver.onHeartbeat(now);
  }
}

type Phase = 'handshake' | 'connected' | 'ended';

/** One connection's life from the first byte to the end. */
class HubConnectionDriver implements ConnectionApplication {
  private phase: Phase = 'handshake';
  private readonly handshakeReader: HandshakeReader;
  private readonly startedAt: number;
  private reader: FrameReader | undefined;
  private context: HubConnectionContext | undefined;
  private readonly inbound: HubMessage[] = [];
  private draining = true; // until onConnected has run, messages wait
  private paused = false;
  private connected: Promise<void> | undefined;

  /** @param registry the handler's live connections, which this one leaves when it ends. */
  constructor(
    private readonly transport: HttpConnection,
    private readonly hub: HubConnectionSettings,
    private readonly dispatcher: ConnectionDispatcher,
    private readonly protocols: ReadonlyMap<string, HubProtocol>,
    private readonly clock: MonotonicClock,
    private readonly registry: Map<string, HubConnectionDriver>,
  ) {
    this.handshakeReader = new HandshakeReader(hub.options.maximumReceiveMessageSize);
    this.startedAt = clock();
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
      context.receivedSinceBeat = true;
      const buffer = context.reconnectBuffer;
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

  onHeartbeat(now: number): void {
    const options = this.hub.options;
    if (this.phase === 'handshake') {
      if (now - this.startedAt > options.handshakeTimeout) this.refuseHandshake('Handshake was canceled.');
      return;
    }
    const context = this.context;
    // While a stateful-reconnect client is away, the disconnect timeout decides, not the client timeout.
    if (this.phase !== 'connected' || !context || this.transport.state !== 'active') return;
    if (context.receivedSinceBeat) {
      context.receivedSinceBeat = false;
      context.lastReceivedAt = now;
    }
    if (context.sentSinceBeat) {
      context.sentSinceBeat = false;
      context.lastSentAt = now;
    }
    const ack = context.reconnectBuffer?.takeAck();
    if (ack !== undefined) context.write({ type: MessageType.Ack, sequenceId: ack });
    const expiresAt = context.user?.expiresAt;
    if (expiresAt !== undefined && Date.now() >= expiresAt) {
      // Always worded for the client: it must sign in again rather than retry as it is.
      this.closeWithError(new HubException('The authentication has expired; sign in again.'));
    } else if (now - context.lastReceivedAt > options.clientTimeoutInterval) {
      this.closeWithError(new OperationCanceledError("Client hasn't sent a message/ping within the configured ClientTimeoutInterval."));
    } else if (now - context.lastSentAt >= options.keepAliveInterval) {
      context.write(pingMessage);
    }
    context.flushLatest();
  }

  get hubConnection(): HubConnectionContext | undefined {
    return this.phase === 'connected' ? this.context : undefined;
  }

  onTransportLost(): void {
    this.context?.reconnectBuffer?.disconnected();
  }

  onReconnected(): void {
    const context = this.context;
    const buffer = context?.reconnectBuffer;
    if (!context || !buffer) return;
    this.hub.stats.statefulReconnects++;
    context.lastReceivedAt = this.clock();
    const { sequenceId, data } = buffer.resend();
    context.write({ type: MessageType.Sequence, sequenceId });
    const binary = context.protocol.transferFormat === 'Binary';
    for (const item of data) this.transport.send(item, undefined, binary);
  }

  onInvalidData(error: Error): void {
    if (this.phase === 'handshake') this.refuseHandshake('Handshake was canceled.');
    else if (this.phase === 'connected') this.closeWithError(error);
  }

  onServerClosing(): void {
    if (this.phase === 'connected') this.context!.close(undefined, true);
    else this.transport.close();
  }

  onEnd(error?: Error): void {
    if (this.phase === 'ended') return;
    const wasConnected = this.phase === 'connected';
    this.phase = 'ended';
    this.registry.delete(this.transport.connectionId);
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
    const protocol = this.protocols.get(request.protocol);
    if (!protocol || !this.hub.options.supportedProtocols.includes(request.protocol)) {
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
    const context = new HubConnectionContext(
      this.transport,
      protocol,
      user,
      userIdentifier,
      this.hub.options,
      this.hub.stats,
      this.clock,
    );
    if (this.transport.statefulReconnect) context.reconnectBuffer = new ReconnectBuffer(this.hub.options.statefulReconnectBufferSize);
    this.context = context;
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
    this.registry.delete(this.transport.connectionId);
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
