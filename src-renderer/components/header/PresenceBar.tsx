import { formatDateTime } from '../../format/format-time.js';
import { useStore } from '../../store/store.js';

const initials = (name: string) =>
  (name.match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');

/** Who is viewing this dashboard now, in the app or in a browser; this page is marked "you". */
export function PresenceBar() {
  const viewers = useStore((s) => s.viewers);
  const me = useStore((s) => s.session?.connectionId);
  if (viewers.length === 0) return <div className="presence" />;
  return (
    <div className="presence" aria-label="Viewing now">
      <span className="presence-label">{viewers.length === 1 ? '1 viewer' : `${viewers.length} viewers`}</span>
      <ul className="presence-list">
        {viewers.map((viewer) => (
          <li
            key={viewer.connectionId}
            className="viewer"
            data-testid={`viewer-${viewer.displayName}`}
            data-client={viewer.client}
            title={`${viewer.displayName}, ${viewer.role} (${viewer.client === 'app' ? 'desktop app' : 'browser'}), here since ${formatDateTime(viewer.joinedAt)}`}
          >
            <span className="avatar" aria-hidden="true">
              {initials(viewer.displayName) || '?'}
            </span>
            <span className="viewer-name">
              {viewer.displayName}
              {viewer.connectionId === me && <span className="you"> (you)</span>}
            </span>
            <span className={`badge badge-role-${viewer.role}`} data-testid={`viewer-role-${viewer.displayName}`}>
              {viewer.role}
            </span>
            <span className={`badge badge-client-${viewer.client}`}>{viewer.client}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
