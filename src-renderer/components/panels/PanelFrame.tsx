import type { ReactNode } from 'react';
import type { Panel } from '../../../contracts/generated/dashboard-hub.types.js';
import { desktopBridge } from '../../env/desktop-bridge.js';

interface PanelFrameProps {
  readonly panel: Panel;
  /** Controls in the header, such as the window selector. */
  readonly tools?: ReactNode;
  readonly children: ReactNode;
}

/** A panel's card: its title, tools, and in the app a button to open it in its own window. */
export function PanelFrame({ panel, tools, children }: PanelFrameProps) {
  const popOut = desktopBridge()?.windowActions.popOut;
  const titleId = `panel-title-${panel.id}`;
  return (
    <section className={`panel panel-${panel.kind}`} tabIndex={-1} data-testid={`panel-${panel.id}`} aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 id={titleId}>{panel.title || 'Untitled'}</h2>
        <div className="panel-tools">
          {tools}
          {popOut && (
            <button type="button" className="icon-button" onClick={() => popOut(panel.id)} aria-label={`Open ${panel.title} in its own window`} title="Open in its own window">
              ⧉
            </button>
          )}
        </div>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
