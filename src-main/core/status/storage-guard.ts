import type { Logger } from '../../../src-server/index.js';
import type { HostObservations } from '../ops/prometheus.js';
import type { SystemStatusBoard } from './system-status.js';

/**
 * Runs storage work for the host. Storage can fail (a full disk, a locked file); the host then
 * keeps sampling and serving live values, and the storage component's status says what is wrong.
 */
export class StorageGuard {
  constructor(
    private readonly status: SystemStatusBoard,
    private readonly logger: Logger,
    private readonly observations: HostObservations,
  ) {}

  /** Runs `action`; false when it threw, which is logged and marks storage down. */
  run(what: string, action: () => void): boolean {
    const started = performance.now();
    try {
      action();
      return true;
    } catch (error) {
      this.logger.error(`could not ${what}`, { error });
      this.status.set('storage', 'down', `Could not ${what}: ${(error as Error).message}`);
      return false;
    } finally {
      this.observations.observeStorageWrite((performance.now() - started) / 1000);
    }
  }
}
