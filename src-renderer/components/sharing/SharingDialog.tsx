import { useState } from 'react';
import { useHub } from '../../hub/hub-context.js';
import { useStore } from '../../store/store.js';
import { CopyField } from '../common/CopyField.js';
import { Dialog } from '../common/Dialog.js';
import { JoinCodes } from './JoinCodes.js';
import { PeerList } from './PeerList.js';

/** The owner's sharing controls: switch LAN sharing, hand out join codes, see and revoke peers. */
export function SharingDialog({ onClose }: { onClose: () => void }) {
  const sharing = useStore((s) => s.sharing);
  const { commands } = useHub();
  const [tls, setTls] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    await action();
    setBusy(false);
  };

  return (
    <Dialog title="Share on the local network" onClose={onClose} testId="sharing-dialog" wide>
      {!sharing ? (
        <p className="placeholder">Loading…</p>
      ) : (
        <>
          <section className="dialog-section" aria-labelledby="sharing-state-title">
            <h3 id="sharing-state-title" className={sharing.enabled ? 'state-on' : undefined} data-testid="sharing-state" data-enabled={sharing.enabled}>
              {sharing.enabled ? `Shared${sharing.tls ? ' with TLS' : ''}` : 'Not shared: only this computer can open the dashboard'}
            </h3>
            {sharing.enabled ? (
              <>
                <p className="hint">Peers open one of these addresses and enter a join code.</p>
                {sharing.urls.map((url) => (
                  <CopyField key={url} label="Address for peers" value={url} testId="sharing-url" />
                ))}
                {sharing.fingerprint && (
                  <p className="fingerprint">
                    Certificate fingerprint (SHA-256), for peers to check: <code data-testid="sharing-fingerprint">{sharing.fingerprint}</code>
                  </p>
                )}
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => confirm("Stop sharing? Every peer's token ends: peers are disconnected and must join again with a new code.") && void run(() => commands.stopSharing())()}
                  data-testid="sharing-stop"
                >
                  Stop sharing
                </button>
              </>
            ) : (
              <div className="field-row">
                <label className="check">
                  <input type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} data-testid="sharing-tls" />
                  Encrypt with TLS (a self-signed certificate; browsers warn once)
                </label>
                <button type="button" className="button button-primary" disabled={busy} onClick={run(() => commands.startSharing(tls))} data-testid="sharing-start">
                  Start sharing
                </button>
              </div>
            )}
          </section>
          {sharing.enabled && <JoinCodes codes={sharing.joinCodes} url={sharing.urls[0]} />}
          <PeerList peers={sharing.peers} />
          <section>
            <p className="hint">If a token may have leaked (an owner link shown on screen, a lost device), end them all.</p>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() =>
                confirm('Revoke every token? Peers must join again, owner links stop working, and this app signs in again by itself.') &&
                void run(() => commands.revokeAllTokens())()
              }
              data-testid="sharing-revoke-all"
            >
              Revoke all tokens
            </button>
          </section>
        </>
      )}
    </Dialog>
  );
}
