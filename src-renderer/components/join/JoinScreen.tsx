import { useStore } from '../../store/store.js';
import { ThemeToggle } from '../header/ThemeToggle.js';
import { JoinForm } from './JoinForm.js';

/** Shown instead of the dashboard when the host is shared and this page has no valid token. */
export function JoinScreen({ initialCode }: { initialCode: string | undefined }) {
  const reason = useStore((s) => s.connection.message);
  return (
    <main className="join-screen" data-testid="join-screen">
      <div className="join-theme">
        <ThemeToggle />
      </div>
      <div className="join-card">
        <p className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Hubdeck
        </p>
        <h1>Join the dashboard at {location.host}</h1>
        <p className="hint">Ask the person who shares it for a join code. Each code works once and expires after a while.</p>
        {reason && <p className="notice notice-info">{reason}</p>}
        <JoinForm initialCode={initialCode} />
      </div>
    </main>
  );
}
