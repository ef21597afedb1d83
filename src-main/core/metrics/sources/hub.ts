import type { HubStatsSnapshot } from '../../../../src-server/index.js';
import type { MetricReading, MetricSource } from '../metric-source.js';
import { CounterRates } from './source-helpers.js';

/** The hub server's own figures: connections, message and conflation rates, invocation latency. */
export class HubSource implements MetricSource {
  readonly name = 'hub';
  private readonly rates = new CounterRates();

  constructor(private readonly snapshot: () => HubStatsSnapshot) {}

  async sample(elapsedMs: number): Promise<readonly MetricReading[]> {
    const stats = this.snapshot();
    const connections: MetricReading = { id: 'hub.connections', type: 'hub', name: 'Hub connections', unit: '', value: stats.connections };
    const rates = this.rates.update(
      new Map([
        ['messagesReceived', stats.messagesReceived],
        ['messagesSent', stats.messagesSent],
        ['invocations', stats.invocations],
        ['invocationMs', stats.invocationMs],
        ['conflations', stats.conflations],
      ]),
      elapsedMs,
    );
    const messagesIn = rates.get('messagesReceived');
    const messagesOut = rates.get('messagesSent');
    const invocations = rates.get('invocations');
    const invocationMs = rates.get('invocationMs');
    const conflations = rates.get('conflations');
    // Counters that went backwards (a restarted server) give no rates for this tick.
    if (messagesIn === undefined || messagesOut === undefined || invocations === undefined || invocationMs === undefined || conflations === undefined) {
      return [connections];
    }
    return [
      connections,
      { id: 'hub.messages_in', type: 'hub', name: 'Hub messages in', unit: 'msg/s', value: messagesIn },
      { id: 'hub.messages_out', type: 'hub', name: 'Hub messages out', unit: 'msg/s', value: messagesOut },
      // Both are per-second rates over the same span, so their ratio is the mean latency.
      { id: 'hub.invocation_ms', type: 'hub', name: 'Hub invocation latency', unit: 'ms', value: invocations > 0 ? invocationMs / invocations : 0 },
      { id: 'hub.conflations', type: 'hub', name: 'Hub conflations', unit: '/s', value: conflations },
    ];
  }
}
