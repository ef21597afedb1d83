import { useHub } from '../../hub/hub-context.js';
import { useNow } from '../../hooks/use-now.js';
import type { ConnectionPhase } from '../../store/connection-slice.js';
import { useStore } from '../../store/store.js';

type NotLive = Exclude<ConnectionPhase, 'connected' | 'unauthorized'>;

/** Says when the page is not live (connecting, reconnecting, offline) and disappears once it is. */
export function ConnectionBanner() {
  const { phase, message, retryAt } = useStore((s) => s.connection);
  if (phase === 'connected' || phase === 'unauthorized') return null;
  return <Banner phase={phase} message={message} retryAt={retryAt} />;
}

function Banner({ phase, message, retryAt }: { phase: NotLive; message: string | undefined; retryAt: number | undefined }) {
  const { session } = useHub();
  const now = useNow(1_000);
  const retryIn = retryAt === undefined ? undefined : Math.max(0, Math.ceil((retryAt - now) / 1000));
  const texts: Record<NotLive, string> = {
    connecting: 'Connecting to the host…',
    reconnecting: 'Connection lost. Reconnecting… the values shown may be out of date.',
    offline: `Offline: the host cannot be reached.${retryIn === undefined ? '' : ` Trying again in ${retryIn} s.`}`,
  };

  return (
    <div className={`banner banner-${phase}`} role="status" data-testid="connection-banner" data-state={phase}>
      <span className="banner-dot" aria-hidden="true" />
      <p>
        {texts[phase]}
        {message && <span className="banner-detail"> {message}</span>}
      </p>
      {phase === 'offline' && (
        <button type="button" className="button button-small" onClick={() => session.retryNow()} data-testid="connection-retry">
          Retry now
        </button>
      )}
    </div>
  );
}
