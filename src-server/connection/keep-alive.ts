import type { HubOptions } from '../options.js';

/** What a heartbeat decides for one connected client. */
export type BeatVerdict =
  /** Nothing to do. */
  | 'quiet'
  /** The server has been silent for the keep-alive interval: send a Ping. */
  | 'ping'
  /** The client has been silent past the client timeout: close the connection. */
  | 'timedOut'
  /** The user's credentials have expired: close the connection. */
  | 'expired';

/**
 * The time rules of a hub's connections, in one place: the handshake timeout, keep-alive pings,
 * the client timeout and credential expiry. It keeps no state of its own; the heartbeat asks it
 * about each connection with the times that connection last sent and received, read from the
 * injected clocks, so tests can decide every outcome with plain numbers.
 */
export class KeepAlive {
  constructor(
    private readonly options: Pick<HubOptions, 'keepAliveInterval' | 'clientTimeoutInterval' | 'handshakeTimeout'>,
    /** Epoch milliseconds, which credentials' expiry is given in. */
    private readonly wallClock: () => number,
  ) {}

  /** Whether a connection that started at `startedAt` has taken too long to complete its handshake. */
  handshakeTimedOut(startedAt: number, now: number): boolean {
    return now - startedAt > this.options.handshakeTimeout;
  }

  /** What to do for a connected client, given when it was last heard from and last sent to. */
  verdict(lastReceivedAt: number, lastSentAt: number, expiresAt: number | undefined, now: number): BeatVerdict {
    if (expiresAt !== undefined && this.wallClock() >= expiresAt) return 'expired';
    if (now - lastReceivedAt > this.options.clientTimeoutInterval) return 'timedOut';
    if (now - lastSentAt >= this.options.keepAliveInterval) return 'ping';
    return 'quiet';
  }
}
