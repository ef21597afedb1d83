import { Toasts } from './components/common/Toasts.js';
import { DashboardView } from './components/DashboardView.js';
import { JoinScreen } from './components/join/JoinScreen.js';
import { PopOutView } from './components/PopOutView.js';
import { useDocumentTheme } from './hooks/use-document-theme.js';
import { useHub } from './hub/hub-context.js';
import { useStore } from './store/store.js';

/** The join screen while the host wants a code; otherwise the dashboard, or one panel in a pop-out window. */
export function App({ joinCode }: { joinCode: string | undefined }) {
  useDocumentTheme();
  const unauthorized = useStore((s) => s.connection.phase === 'unauthorized');
  const { launch } = useHub();
  return (
    <>
      {unauthorized ? <JoinScreen initialCode={joinCode} /> : launch.panelId ? <PopOutView panelId={launch.panelId} /> : <DashboardView />}
      <Toasts />
    </>
  );
}
