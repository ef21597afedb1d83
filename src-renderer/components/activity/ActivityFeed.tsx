import { formatAgo, formatDateTime } from '../../format/format-time.js';
import { useNow } from '../../hooks/use-now.js';
import { ActorName } from '../common/ActorName.js';
import { useStore } from '../../store/store.js';

const verbs: Record<string, string> = {
  'alert.acknowledged': 'acknowledged',
  'alert.silenced': 'silenced',
  'editor.opened': 'started editing',
  'dashboard.saved': 'saved',
  'dashboard.deleted': 'deleted',
  'alert-rule.saved': 'saved the alert rule',
  'alert-rule.deleted': 'deleted the alert rule',
};

/** What viewers of this dashboard did since this page opened, newest first. */
export function ActivityFeed() {
  const activity = useStore((s) => s.activity);
  const now = useNow(15_000);
  return (
    <aside className="sidebar activity" aria-labelledby="activity-title" data-testid="activity-feed">
      <h2 id="activity-title">Activity</h2>
      {activity.length === 0 ? (
        <p className="placeholder">Nothing yet. Edits, acknowledgements and silences by anyone on this dashboard appear here.</p>
      ) : (
        <ol className="activity-list">
          {activity.map((event, i) => (
            <li key={`${event.timestamp}-${i}`} className="activity-item" data-testid="activity-item" data-type={event.activityType}>
              <p>
                <ActorName actor={event.by} /> {verbs[event.activityType] ?? event.activityType} <span className="activity-details">{event.details}</span>
              </p>
              <time dateTime={event.timestamp} title={formatDateTime(event.timestamp)}>
                {formatAgo(event.timestamp, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
