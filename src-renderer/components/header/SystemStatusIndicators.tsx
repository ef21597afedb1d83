import { useStore } from '../../store/store.js';
import type { Component } from '../../store/system-status-slice.js';

const names: Record<Component, string> = { sampler: 'Sampler', storage: 'Storage', hub: 'Hub', sharing: 'Sharing', backplane: 'Backplane' };

/** A dot per host component (healthy, degraded, down), with the host's message on hover and for screen readers. */
export function SystemStatusIndicators() {
  const statuses = useStore((s) => s.systemStatus);
  const components = (Object.keys(names) as Component[]).filter((c) => statuses[c]);
  return (
    <ul className="system-status" aria-label="Host status">
      {components.map((component) => {
        const status = statuses[component]!;
        return (
          <li key={component} className={`status status-${status.status}`} data-testid={`status-${component}`} data-status={status.status} title={status.message}>
            <span className="status-dot" aria-hidden="true" />
            {names[component]}
            <span className="visually-hidden">
              : {status.status}. {status.message}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
