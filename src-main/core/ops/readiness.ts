import type { SystemStatus } from '../../../contracts/generated/dashboard-hub.types.js';

/** One component's part in the host's readiness. */
export interface ComponentReadiness {
  readonly component: string;
  readonly ready: boolean;
  readonly message: string;
}

/** Whether the host can do its job, and what each component says. */
export interface Readiness {
  readonly ready: boolean;
  readonly components: readonly ComponentReadiness[];
}

/** What readiness is judged from. */
export interface ReadinessInputs {
  /** The host's status board: storage reports the outcome of its latest write there. */
  readonly statuses: readonly SystemStatus[];
  /** When the sampler last ticked (host clock milliseconds), if ever, and its interval. */
  readonly lastTickAt: number | undefined;
  readonly tickIntervalMs: number;
  readonly now: number;
  /** Absent when the host runs without a backplane. */
  readonly backplane?: { readonly healthy: boolean; readonly message: string };
}

// A tick may be late under load or behind a slow write; three intervals (and at least five
// seconds) without one means sampling has stopped.
const missedTicks = 3;
const minimumStaleMs = 5000;

/** Judges readiness: storage writable, sampler ticking, backplane connected when configured. */
export function judgeReadiness(inputs: ReadinessInputs): Readiness {
  const storage = inputs.statuses.find((s) => s.component === 'storage');
  const staleAfter = Math.max(missedTicks * inputs.tickIntervalMs, minimumStaleMs);
  const sinceTick = inputs.lastTickAt === undefined ? undefined : inputs.now - inputs.lastTickAt;
  const components: ComponentReadiness[] = [
    storage
      ? { component: 'storage', ready: storage.status === 'healthy', message: storage.message }
      : { component: 'storage', ready: false, message: 'Nothing written yet.' },
    sinceTick === undefined
      ? { component: 'sampler', ready: false, message: 'No tick yet.' }
      : { component: 'sampler', ready: sinceTick <= staleAfter, message: `Last tick ${Math.round(sinceTick)} ms ago.` },
  ];
  if (inputs.backplane) components.push({ component: 'backplane', ready: inputs.backplane.healthy, message: inputs.backplane.message });
  return { ready: components.every((c) => c.ready), components };
}
