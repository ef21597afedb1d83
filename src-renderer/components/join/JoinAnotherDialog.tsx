import { Dialog } from '../common/Dialog.js';
import { JoinForm } from './JoinForm.js';

/** Joins another shared dashboard from its link, or this host again with a code for a different role. */
export function JoinAnotherDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Join another dashboard" onClose={onClose} testId="join-another-dialog">
      <p className="hint">Paste the link you were sent (http://host:port/#code=…), or a code to rejoin this host with other rights.</p>
      <JoinForm onJoined={onClose} />
    </Dialog>
  );
}
