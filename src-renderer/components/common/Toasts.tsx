import { useLayoutEffect, useRef } from 'react';
import { useStore } from '../../store/store.js';

/**
 * Errors and notices, bottom left; errors stay until dismissed, notices fade by themselves.
 * The stack is a manual popover, raised to the top layer on every change, so a toast shows
 * above an open modal dialog too (the action that failed may be in it).
 */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const stack = ref.current!;
    if (stack.matches(':popover-open')) stack.hidePopover();
    if (toasts.length > 0) stack.showPopover();
  }, [toasts]);
  return (
    <div ref={ref} popover="manual" className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`${toast.kind}-toast`}>
          <div className="toast-text">
            <p className="toast-title">{toast.title}</p>
            {toast.detail && <p className="toast-detail">{toast.detail}</p>}
          </div>
          <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
