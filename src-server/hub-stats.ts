import type { TransportKind } from './shared-types.js';

/** Counts kept per hub method. */
interface MethodCounts {
  invocations: number;
  errors: number;
}

/**
 * Running totals of one hub, for dashboards, benchmarks and metrics exporters; rates are the
 * caller's to derive.
 */
export class HubStats {
  connections = 0;
  messagesReceived = 0;
  messagesSent = 0;
  /** Bytes received from clients, handshakes included. */
  bytesReceived = 0;
  /** Bytes of hub messages written to clients. */
  bytesSent = 0;
  invocations = 0;
  /** Summed duration of completed invocations, to derive their mean latency. */
  invocationMs = 0;
  /** Latest-value messages replaced before a slow connection could take them. */
  conflations = 0;
  /** Messages addressed to a connection that had already closed, or was dropped for falling too far behind. */
  droppedMessages = 0;
  /** Connections resumed on a new transport by a stateful reconnect. */
  statefulReconnects = 0;
  private readonly open = new Map<string, { transport: TransportKind; protocol: string; connections: number }>();
  // Keyed by the method's own name, never by what a client typed, so the map stays as small as the hub.
  private readonly methods = new Map<string, MethodCounts>();

  /** A connection completed its handshake. */
  connected(transport: TransportKind, protocol: string): void {
    this.connections++;
    const key = `${transport}/${protocol}`;
    const entry = this.open.get(key) ?? { transport, protocol, connections: 0 };
    entry.connections++;
    this.open.set(key, entry);
  }

  /** A connection that had completed its handshake ended. */
  disconnected(transport: TransportKind, protocol: string): void {
    this.connections--;
    const entry = this.open.get(`${transport}/${protocol}`);
    if (entry) entry.connections--;
  }

  /** An invocation of `method` (undefined: no such method) completed, successfully or not. */
  invoked(method: string | undefined, ms: number, failed: boolean): void {
    this.invocations++;
    this.invocationMs += ms;
    const key = method ?? '(unknown)';
    const counts = this.methods.get(key) ?? { invocations: 0, errors: 0 };
    counts.invocations++;
    if (failed) counts.errors++;
    this.methods.set(key, counts);
  }

  /** A copy of the totals at this moment. */
  snapshot(): HubStatsSnapshot {
    const { connections, messagesReceived, messagesSent, bytesReceived, bytesSent, invocations, invocationMs, conflations, droppedMessages, statefulReconnects } = this;
    return {
      connections,
      messagesReceived,
      messagesSent,
      bytesReceived,
      bytesSent,
      invocations,
      invocationMs,
      conflations,
      droppedMessages,
      statefulReconnects,
      connectionsByTransport: [...this.open.values()].map((e) => ({ ...e })),
      methods: [...this.methods].map(([method, counts]) => ({ method, ...counts })),
    };
  }
}

/** The totals of one hub at one moment; see HubStats for what each counts. */
export interface HubStatsSnapshot {
  readonly connections: number;
  readonly messagesReceived: number;
  readonly messagesSent: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly invocations: number;
  readonly invocationMs: number;
  readonly conflations: number;
  readonly droppedMessages: number;
  readonly statefulReconnects: number;
  /** Open connections by transport and hub protocol. */
  readonly connectionsByTransport: ReadonlyArray<{ readonly transport: TransportKind; readonly protocol: string; readonly connections: number }>;
  /** Completed invocations and how many failed, by method name (as the hub declares it). */
  readonly methods: ReadonlyArray<{ readonly method: string; readonly invocations: number; readonly errors: number }>;
}

/** What one connection's outbound side looks like right now. */
export interface ConnectionStats {
  readonly connectionId: string;
  readonly transport: string;
  /** Bytes written to the transport and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** Latest-value messages replaced by newer ones while this connection was behind. */
  readonly conflations: number;
  /** Latest-value messages waiting for the connection to catch up. */
  readonly pendingLatest: number;
}
