import { useStore } from '../../store/store.js';

/** Switches between the light and dark themes; the choice is remembered on this machine. */
export function ThemeToggle() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="icon-button" onClick={() => setTheme(next)} aria-label={`Switch to the ${next} theme`} title={`Switch to the ${next} theme`} data-testid="theme-toggle" data-theme={theme}>
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
