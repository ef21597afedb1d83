import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user folder where Hubdeck keeps its data, following each platform's convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Hubdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hubdeck');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'hubdeck');
}
