import { type ReactNode, createContext, useContext } from 'react';
import type { LaunchOptions } from '../env/launch-options.js';
import type { DashboardCommands } from './commands.js';
import type { HistoryLoader } from './history-loader.js';
import type { HubSession } from './hub-session.js';

/** The page's hub objects, made once at start and handed to components. */
export interface PageHub {
  readonly launch: LaunchOptions;
  readonly session: HubSession;
  readonly commands: DashboardCommands;
  readonly history: HistoryLoader;
}

const PageHubContext = createContext<PageHub | undefined>(undefined);

export function HubProvider({ hub, children }: { hub: PageHub; children: ReactNode }) {
  return <PageHubContext value={hub}>{children}</PageHubContext>;
}

export function useHub(): PageHub {
  const hub = useContext(PageHubContext);
  if (!hub) throw new Error('useHub needs a HubProvider above it.');
  return hub;
}
