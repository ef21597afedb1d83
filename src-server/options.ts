import type { TransportKind } from './shared-types.js';

export const allTransports: readonly TransportKind[] = ['WebSockets', 'ServerSentEvents', 'LongPolling'];

/** A rate limit: so many per second on average, with bursts up to `burst`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** How much a connection may send: frames (WebSocket frames, HTTP requests) and bytes, each as a rate with bursts. */
export interface InboundLimits {
  readonly frames: RateLimit;
  readonly bytes: RateLimit;
}

/** Per-hub behaviour. Defaults are ASP.NET Core SignalR's; times are in milliseconds. */
export interface HubOptions {
  /** A Ping is sent when nothing else was sent for this long. */
  keepAliveInterval: number;
  /** A connection that sends nothing (not even a Ping) for this long is closed. */
  clientTimeoutInterval: number;
  /** A connection must complete the handshake within this time. */
  handshakeTimeout: number;
  /** The largest hub message a client may send, in bytes; null means unlimited. */
  maximumReceiveMessageSize: number | null;
  /** Blocking and non-blocking invocations a client may have running at once; more are queued. */
  maximumParallelInvocationsPerClient: number;
  /** Sends exception details to clients; leave off outside development. */
  enableDetailedErrors: boolean;
  /** Items a client-to-server stream buffers before the client is made to wait. */
  streamBufferCapacity: number;
  /** Hub protocols accepted in the handshake. */
  supportedProtocols: readonly string[];
  /** Transports offered in negotiate and accepted on the endpoint. */
  transports: readonly TransportKind[];
  /** Lets clients resume a dropped connection without losing messages. */
  allowStatefulReconnects: boolean;
  /** Bytes of unacknowledged messages kept for a stateful reconnect. */
  statefulReconnectBufferSize: number;
  /** A negotiated connection with no active transport is disposed after this long. */
  disconnectTimeout: number;
  /** A long poll with no data is answered empty after this long. */
  longPollTimeout: number;
  /** Bytes a connection may have waiting to go out before latest-value messages are conflated. */
  slowConsumerBufferSize: number;
  /** Bytes a connection may have waiting to go out at all; past it the connection is dropped. Null: no cap. */
  maximumOutboundBufferSize: number | null;
  /** Invocations a connection may make, as a token bucket; excess calls are refused. Null: no limit. */
  invocationRateLimit: RateLimit | null;
  /** Groups one connection may be in at once; joins past it are refused. Null: no cap. */
  maximumGroupsPerConnection: number | null;
  /**
   * Frames and bytes a connection may send, complete messages or not; a connection past it is
   * not read from until it is back within. Null: no budget.
   */
  inboundBudget: InboundLimits | null;
}

/** ASP.NET Core's defaults, and Hubdeck's for its own options. */
export const defaultHubOptions: Readonly<HubOptions> = Object.freeze({
  keepAliveInterval: 15_000,
  clientTimeoutInterval: 30_000,
  handshakeTimeout: 15_000,
  maximumReceiveMessageSize: 32 * 1024,
  maximumParallelInvocationsPerClient: 1,
  enableDetailedErrors: false,
  streamBufferCapacity: 10,
  supportedProtocols: ['json', 'messagepack'],
  transports: allTransports,
  allowStatefulReconnects: false,
  statefulReconnectBufferSize: 100_000,
  disconnectTimeout: 15_000,
  longPollTimeout: 90_000,
  slowConsumerBufferSize: 64 * 1024,
  maximumOutboundBufferSize: 16 * 1024 * 1024,
  invocationRateLimit: null,
  maximumGroupsPerConnection: null,
  inboundBudget: null,
});

/** Merges option layers over the defaults and rejects values that cannot work. */
export function resolveHubOptions(...layers: Array<Partial<HubOptions> | undefined>): HubOptions {
  const options: HubOptions = Object.assign({}, defaultHubOptions, ...layers.filter(Boolean));
  const positive: Array<keyof HubOptions> = [
    'keepAliveInterval', 'clientTimeoutInterval', 'handshakeTimeout', 'maximumParallelInvocationsPerClient',
    'streamBufferCapacity', 'statefulReconnectBufferSize', 'disconnectTimeout', 'longPollTimeout', 'slowConsumerBufferSize',
  ];
  for (const key of positive) {
    const value = options[key];
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`Hub option '${key}' must be a positive number, got ${String(value)}.`);
  }
  for (const key of ['maximumReceiveMessageSize', 'maximumOutboundBufferSize', 'maximumGroupsPerConnection'] as const) {
    const max = options[key];
    if (max !== null && !(max > 0)) throw new RangeError(`Hub option '${key}' must be positive or null, got ${String(max)}.`);
  }
  const rate = options.invocationRateLimit;
  if (rate !== null && !(rate.perSecond > 0 && rate.burst >= 1)) {
    throw new RangeError(`Hub option 'invocationRateLimit' needs perSecond > 0 and burst >= 1, got ${JSON.stringify(rate)}.`);
  }
  const budget = options.inboundBudget;
  if (budget !== null && ![budget.frames, budget.bytes].every((r) => r.perSecond > 0 && r.burst >= 1)) {
    throw new RangeError(`Hub option 'inboundBudget' needs perSecond > 0 and burst >= 1 for frames and bytes, got ${JSON.stringify(budget)}.`);
  }
  for (const t of options.transports) {
    if (!allTransports.includes(t)) throw new RangeError(`Unknown transport '${String(t)}'; expected one of ${allTransports.join(', ')}.`);
  }
  return options;
}
