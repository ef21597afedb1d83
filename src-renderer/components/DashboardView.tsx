import { useStore } from '../store/store.js';
import { ActivityFeed } from './activity/ActivityFeed.js';
import { Dialogs } from './Dialogs.js';
import { DashboardGrid } from './DashboardGrid.js';
import { EditorSidebar } from './editor/EditorSidebar.js';
import { ConnectionBanner } from './header/ConnectionBanner.js';
import { TopBar } from './header/TopBar.js';

/** The main screen: the bar, the connection banner, the grid, and the editor or the activity feed beside it. */
export function DashboardView() {
  const editing = useStore((s) => s.editor !== undefined);
  const activityOpen = useStore((s) => s.activityOpen);
  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <div className="workspace">
        <main className="grid-area" aria-label="Dashboard">
          <DashboardGrid />
        </main>
        {editing ? <EditorSidebar /> : activityOpen && <ActivityFeed />}
      </div>
      <Dialogs />
    </div>
  );
}
