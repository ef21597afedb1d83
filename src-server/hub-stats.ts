/** Running totals of one hub, for dashboards and benchmarks; rates are the caller's to derive. */
export class HubStats {
  connections = 0;
  messagesReceived = 0;
  messagesSent = 0;
  invocations = 0;
  /** Summed duration of completed invocations, to derive their mean latency. */
  invocationMs = 0;
  /** Latest-value messages replaced before a slow connection could take them. */
  conflations = 0;

  /** A copy of the totals at this moment. */
  snapshot(): HubStatsSnapshot {
    const { connections, messagesReceived, messagesSent, invocations, invocationMs, conflations } = this;
    return { connections, messagesReceived, messagesSent, invocations, invocationMs, conflations };
  }
}

/** The totals of one hub at one moment; see HubStats for what each counts. */
export interface HubStatsSnapshot {
  readonly connections: number;
  readonly messagesReceived: number;
  readonly messagesSent: number;
  readonly invocations: number;
  readonly invocationMs: number;
  readonly conflations: number;
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
