import type { Logger } from '../../src-server/index.js';
import type { AlertEngine } from './alerts/alert-engine.js';
import type { MetricsFanout } from './live/metrics-fanout.js';
import type { Tick } from './metrics/sampler.js';
import type { HostObservations } from './ops/prometheus.js';
import type { StorageGuard } from './status/storage-guard.js';
import type { SystemStatusBoard } from './status/system-status.js';
import type { HistoryStore } from './storage/history-store.js';

export interface TickPipelineParts {
  readonly history: HistoryStore;
  readonly alerts: AlertEngine;
  readonly fanout: MetricsFanout;
  readonly status: SystemStatusBoard;
  readonly storage: StorageGuard;
  readonly metrics: HostObservations;
  readonly logger: Logger;
  /** Samples per second, for the sampler's status. */
  readonly hz: number;
  /** The hub's open connections, for the hub's status. */
  readonly connections: () => number;
}

/**
 * What the host does with each tick, in order: store the samples, evaluate the alert rules,
 * publish the values to viewers, and report how sampling, storage and the hub are doing. A
 * failing step is reported and does not stop the ones after it.
 */
export class TickPipeline {
  constructor(private readonly parts: TickPipelineParts) {}

  run(tick: Tick): void {
    const { history, alerts, fanout, status, storage, metrics, logger } = this.parts;
    metrics.observeTick(tick.costMs / 1000);
    const stored = storage.run('store samples', () => history.record(tick.timestamp, tick.readings));
    const evaluated = storage.run('record alert changes', () => alerts.evaluate(tick.readings));
    if (stored && evaluated) status.set('storage', 'healthy', `Recording ${tick.readings.length} series`);
    fanout.publish(tick.timestamp, tick.readings).catch((error: unknown) => logger.warn('could not publish metrics', { error }));
    status.set(
      'sampler',
      tick.failures.length ? 'degraded' : 'healthy',
      tick.failures.length ? `Failing sources: ${tick.failures.map(describeFailure).join(', ')}` : `Sampling ${tick.readings.length} series at ${this.parts.hz} Hz`,
    );
    status.set('hub', 'healthy', `${this.parts.connections()} connection(s)`);
  }
}

function describeFailure(failure: Tick['failures'][number]): string {
  return `${failure.source} (${String((failure.error as Error)?.message ?? failure.error)})`;
}
