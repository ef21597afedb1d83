import { useHub } from '../../hub/hub-context.js';
import { actorText } from '../common/ActorName.js';
import { useStore } from '../../store/store.js';

/**
 * Someone else saved the dashboard while this draft was open: either the host refused the save
 * (a conflict), or a newer version arrived live and a save would be refused. Either way the way
 * on is to reload their version and apply the change again.
 */
export function ConflictNotice() {
  const conflict = useStore((s) => s.editor?.conflict);
  const newer = useStore((s) => {
    const saved = s.editor && s.dashboards[s.editor.draft.id];
    return saved && s.editor && saved.version > s.editor.draft.baseVersion ? saved : undefined;
  });
  const { commands } = useHub();
  if (!conflict && !newer) return null;
  return (
    <div className="notice notice-warning" role="alert" data-testid="conflict">
      <p>
        {conflict?.message ??
          `${actorText(newer!.updatedBy)} saved version ${newer!.version} while you were editing; saving now would be refused. Reload version ${newer!.version} and apply your change again.`}
      </p>
      <button type="button" className="button button-small" onClick={() => void commands.reloadDashboard()} data-testid="conflict-reload">
        Reload
      </button>
    </div>
  );
}
