import { type FormEvent, useState } from 'react';
import { lastJoinName } from '../../env/credentials.js';
import { desktopBridge } from '../../env/desktop-bridge.js';
import { useHub } from '../../hub/hub-context.js';
import { parseJoinTarget, redeemJoinCode } from '../../hub/join-api.js';

/**
 * A join code (or a link carrying one) and a display name. A code for this host is exchanged
 * for a token and the page connects with it; a link to another host opens that host's page,
 * which asks for the code there.
 */
export function JoinForm({ initialCode = '', onJoined }: { initialCode?: string; onJoined?: () => void }) {
  const { launch, session } = useHub();
  const [target, setTarget] = useState(initialCode);
  const [name, setName] = useState(launch.displayName ?? lastJoinName());
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const { origin, code } = parseJoinTarget(target);
    if (origin && origin !== launch.hostOrigin) {
      const url = `${origin}/${code ? `#code=${encodeURIComponent(code)}` : ''}`;
      // The app opens another host in a window of its own; a browser page goes there.
      const openHost = desktopBridge()?.windowActions.openHost;
      if (openHost) openHost(url);
      else location.assign(url);
      return;
    }
    if (!code) return setError('Enter the join code you were given, like ABCDE-FGHJK, or the link that carries it.');
    setBusy(true);
    try {
      const grant = await redeemJoinCode(launch.hostOrigin, code, name.trim());
      await session.join(grant.token, name.trim());
      onJoined?.();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="join-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>Join code or link</span>
        <input
          type="text"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCDE-FGHJK"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          className="code-input"
          data-testid="join-code"
        />
      </label>
      <label className="field">
        <span>Your name, as others will see it</span>
        <input type="text" required maxLength={100} autoComplete="nickname" value={name} onChange={(e) => setName(e.target.value)} data-testid="join-name" />
      </label>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary button-wide" disabled={busy} data-testid="join-submit">
        {busy ? 'Joining…' : 'Join'}
      </button>
    </form>
  );
}
