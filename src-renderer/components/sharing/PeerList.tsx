import type { Peer } from '../../../contracts/generated/dashboard-hub.types.js';
import { formatDateTime } from '../../format/format-time.js';
import { useHub } from '../../hub/hub-context.js';

/** Everyone who joined with a code, and a way to shut each out. */
export function PeerList({ peers }: { peers: readonly Peer[] }) {
  const { commands } = useHub();
  return (
    <section className="dialog-section" aria-labelledby="peers-title">
      <h3 id="peers-title">Peers</h3>
      {peers.length === 0 ? (
        <p className="hint">Nobody has joined yet.</p>
      ) : (
        <table className="peers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">Access until</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {peers.map((peer) => (
              <tr key={peer.id} data-testid={`peer-${peer.id}`} className={peer.revoked ? 'revoked' : undefined}>
                <td>{peer.name}</td>
                <td>{peer.role}</td>
                <td>{formatDateTime(peer.joinedAt)}</td>
                <td>{peer.revoked ? 'Revoked' : formatDateTime(peer.expiresAt)}</td>
                <td>
                  {!peer.revoked && (
                    <button
                      type="button"
                      className="button button-small button-danger"
                      onClick={() => confirm(`Revoke ${peer.name}'s access? Their pages disconnect at once.`) && void commands.revokePeer(peer.id)}
                      data-testid={`revoke-${peer.id}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
