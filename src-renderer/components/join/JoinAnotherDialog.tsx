import { useEffect, useState } from 'react';
import type { DiscoveredHost } from '../../../contracts/desktop-bridge.js';
import { desktopBridge } from '../../env/desktop-bridge.js';
import { Dialog } from '../common/Dialog.js';
import { JoinForm } from './JoinForm.js';

/**
 * Joins another shared dashboard: one the app found on the LAN, one from its link, or this host
 * again with a code for a different role.
 */
export function JoinAnotherDialog({ onClose }: { onClose: () => void }) {
  const actions = desktopBridge()?.windowActions;
  const [hosts, setHosts] = useState<DiscoveredHost[] | undefined>();

  useEffect(() => {
    if (!actions) return;
    let current = true;
    void actions.discoverHosts().then((found) => current && setHosts(found));
    return () => {
      current = false;
    };
  }, [actions]);

  return (
    <Dialog title="Join another dashboard" onClose={onClose} testId="join-another-dialog">
      {actions && (
        <section className="discovered-hosts" aria-live="polite" data-testid="discovered-hosts">
          <h3>On your network</h3>
          {hosts === undefined && <p className="hint">Looking for shared hosts…</p>}
          {hosts?.length === 0 && <p className="hint">No shared hosts answered. Ask for a link instead.</p>}
          <ul>
            {hosts?.map((host) => (
              <li key={host.url}>
                <button type="button" className="button" onClick={() => actions.openHost(host.url)} data-testid={`discovered-${host.name}`}>
                  {host.name} <span className="hint">{host.url}{host.tls ? ' (TLS)' : ''}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="hint">Paste the link you were sent (http://host:port/#code=…), or a code to rejoin this host with other rights.</p>
      <JoinForm onJoined={onClose} />
    </Dialog>
  );
}
