import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { currentCredential, takeFragmentSecrets } from './env/credentials.js';
import { desktopBridge } from './env/desktop-bridge.js';
import { readLaunchOptions } from './env/launch-options.js';
import { DashboardCommands } from './hub/commands.js';
import { HubProvider, type PageHub } from './hub/hub-context.js';
import { HubSession } from './hub/hub-session.js';
import { useStore } from './store/store.js';
import './styles.css';

const bridge = desktopBridge();
const { joinCode } = takeFragmentSecrets(location, history);
const launch = readLaunchOptions(location, bridge);
useStore.getState().setCurrentDashboard(launch.dashboardId);

// Made once for the page, outside React, so a re-render (or StrictMode's double effects) never opens a second connection.
const session = new HubSession(launch, useStore, currentCredential(bridge));
const hub: PageHub = { launch, session, history: session.history, commands: new DashboardCommands(session, useStore) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HubProvider hub={hub}>
      <App joinCode={joinCode} />
    </HubProvider>
  </StrictMode>,
);

void session.start();
