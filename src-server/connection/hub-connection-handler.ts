import type { MonotonicClock } from '../clock.js';
import type { HubProtocol } from '../protocol/hub-protocol.js';
import type { ConnectionHandler, HttpConnection } from '../transport/http-connection.js';
import type { ConnectionDispatcher, HubConnectionSettings } from './connection-dispatcher.js';
import type { HeartbeatListener } from './heartbeat.js';
import type { HubConnectionContext } from './hub-connection-context.js';
import { type ConnectionScope, HubConnectionDriver } from './hub-connection-driver.js';
import { KeepAlive } from './keep-alive.js';

/**
 * Runs a hub's connections: handshake, then messages in order through the dispatcher. It keeps
 * the registry of live hub connections and checks their timeouts on the heartbeat.
 */
export class HubConnectionHandler implements ConnectionHandler, HeartbeatListener {
  // Held once for all the hub's connections, so each connection keeps one reference to it.
  private readonly scope: ConnectionScope;

  /**
   * @param protocols the protocols the hub accepts, by name.
   * @param wallClock epoch milliseconds, which credentials' expiry is given in.
   */
  constructor(
    hub: HubConnectionSettings,
    dispatcher: ConnectionDispatcher,
    protocols: ReadonlyMap<string, HubProtocol>,
    clock: MonotonicClock,
    wallClock: () => number,
  ) {
    this.scope = { hub, dispatcher, protocols, clock, keepAlive: new KeepAlive(hub.options, wallClock), live: new Map() };
  }

  /** Takes over a transport-level connection that has a transport attached. */
  accept(transport: HttpConnection): void {
    const driver = new HubConnectionDriver(transport, this.scope);
    transport.application = driver;
    this.scope.live.set(transport.connectionId, driver);
  }

  /** The hub connection with this id, if it lives here and finished its handshake. */
  connection(connectionId: string): HubConnectionContext | undefined {
    return this.scope.live.get(connectionId)?.hubConnection;
  }

  /** Closes the hub connections `select` picks, telling each client `error`; returns how many. */
  closeWhere(select: (connection: HubConnectionContext) => boolean, error: string): number {
    let closed = 0;
    for (const driver of this.scope.live.values()) {
      const connection = driver.hubConnection;
      if (connection && select(connection)) {
        connection.close(error);
        closed++;
      }
    }
    return closed;
  }

  onHeartbeat(now: number): void {
    for (const driver of this.scope.live.values()) driver.onHeartbeat(now);
  }
}
