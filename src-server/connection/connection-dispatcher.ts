import type { HubStats } from '../hub-stats.js';
import type { Logger } from '../log.js';
import type { HubOptions } from '../options.js';
import type { HubMessage } from '../protocol/messages.js';
import type { HubUser } from '../shared-types.js';
import type { HubConnectionContext } from './hub-connection-context.js';

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
