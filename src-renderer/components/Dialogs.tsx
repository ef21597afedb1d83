import { selectIsOwner } from '../store/session-slice.js';
import { useStore } from '../store/store.js';
import { AlertList } from './alerts/AlertList.js';
import { Dialog } from './common/Dialog.js';
import { JoinAnotherDialog } from './join/JoinAnotherDialog.js';
import { AlertRulesDialog } from './rules/AlertRulesDialog.js';
import { SharingDialog } from './sharing/SharingDialog.js';

/** The open dialog, if any; the owner's dialogs only for the owner. */
export function Dialogs() {
  const dialog = useStore((s) => s.dialog);
  const isOwner = useStore(selectIsOwner);
  const close = useStore((s) => s.closeDialog);
  switch (dialog) {
    case 'sharing':
      return isOwner ? <SharingDialog onClose={close} /> : null;
    case 'alert-rules':
      return isOwner ? <AlertRulesDialog onClose={close} /> : null;
    case 'join-another':
      return <JoinAnotherDialog onClose={close} />;
    case 'alerts':
      return (
        <Dialog title="Alerts" onClose={close} testId="alerts-dialog" wide>
          <AlertList />
        </Dialog>
      );
    case undefined:
      return null;
  }
}
