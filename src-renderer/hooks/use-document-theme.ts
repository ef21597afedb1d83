import { useLayoutEffect } from 'react';
import { useStore } from '../store/store.js';

/** Puts the chosen theme on the document, where the stylesheet's variables pick it up. */
export function useDocumentTheme(): void {
  const theme = useStore((s) => s.theme);
  // Before paint, so a dark page never flashes light.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}
