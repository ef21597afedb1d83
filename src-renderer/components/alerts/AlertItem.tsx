import { useState } from 'react';
import type { Alert } from '../../../contracts/generated/dashboard-hub.types.js';
import { formatAgo, formatClock, formatDateTime } from '../../format/format-time.js';
import { useHub } from '../../hub/hub-context.js';
import { selectCanOperate } from '../../store/session-slice.js';
import { ActorName } from '../common/ActorName.js';
import { useStore } from '../../store/store.js';

const silenceMinutes = [15, 60] as const;

/** One alert: severity, state, message and time; who acknowledged or silenced it; the actions an operator may take. */
export function AlertItem({ id, now }: { id: string; now: number }) {
  const alert = useStore((s) => s.alerts[id]);
  const canOperate = useStore(selectCanOperate);
  const { commands } = useHub();
  const [busy, setBusy] = useState(false);
  if (!alert) return null;

  const state = alert.state ?? 'firing';
  const open = state !== 'resolved';
  const silencedUntil = alert.silencedUntil ? Date.parse(alert.silencedUntil) : 0;
  const act = (action: (a: Alert) => Promise<void>) => async () => {
    setBusy(true);
    await action(alert);
    setBusy(false);
  };
  const refusal = canOperate ? undefined : 'Only operators and the owner can do this';

  return (
    <li className={`alert alert-${alert.type} alert-${state}`} data-testid={`alert-${id}`} data-state={state}>
      <span className="alert-marker" aria-hidden="true" />
      <div className="alert-main">
        <div className="alert-headline">
          <span className={`badge badge-${state}`}>{state}</span>
          <span className={`badge badge-severity-${alert.type}`}>{alert.type}</span>
          <time className="alert-time" dateTime={alert.timestamp} title={formatDateTime(alert.timestamp)}>
            {formatAgo(alert.timestamp, now)}
          </time>
        </div>
        <p className="alert-message">{alert.message}</p>
        {alert.acknowledgedBy && (
          <p className="alert-note" data-testid={`acknowledged-by-${id}`}>
            ✓ Acknowledged by <ActorName actor={alert.acknowledgedBy} />
            {alert.acknowledgedAt && <> at {formatClock(alert.acknowledgedAt)}</>}
          </p>
        )}
        {silencedUntil > now && (
          <p className="alert-note" data-testid={`silenced-by-${id}`}>
            Silenced by {alert.silencedBy && <ActorName actor={alert.silencedBy} />} until {formatClock(silencedUntil)}
          </p>
        )}
      </div>
      {open && (
        <div className="alert-actions">
          {!alert.acknowledgedBy && (
            <button
              type="button"
              className="button button-small"
              data-testid={`acknowledge-${id}`}
              disabled={busy || !canOperate}
              title={refusal}
              onClick={act((a) => commands.acknowledge(a))}
            >
              Acknowledge
            </button>
          )}
          {silenceMinutes.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className="button button-small button-quiet"
              data-testid={`silence-${minutes}-${id}`}
              disabled={busy || !canOperate}
              title={refusal ?? `Silence this rule on ${alert.series ?? 'this series'} for ${minutes} minutes`}
              onClick={act((a) => commands.silence(a, minutes))}
            >
              Silence {minutes} min
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
