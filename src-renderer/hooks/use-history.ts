import { useEffect } from 'react';
import { useHub } from '../hub/hub-context.js';
import type { WindowId } from '../store/time-windows.js';

/** Asks for stored history of a panel's series while the panel shows them at this window. */
export function useHistory(window: WindowId, seriesIds: readonly string[]): void {
  const { history } = useHub();
  const key = seriesIds.join('\n');
  useEffect(() => history.want(window, key ? key.split('\n') : []), [history, window, key]);
}
