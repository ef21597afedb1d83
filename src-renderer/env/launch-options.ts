import { HttpTransportType } from '@microsoft/signalr';
import type { HubdeckBridge } from '../../contracts/desktop-bridge.js';

/** Where the host serves the DashboardHub, relative to its origin. */
const hubPath = '/hubs/dashboard';

export type ClientKind = 'app' | 'browser';

/** How this page was opened: where the hub is and what the address asked for. */
export interface LaunchOptions {
  readonly hubUrl: string;
  /** The host's origin, for its HTTP endpoints (join). */
  readonly hostOrigin: string;
  readonly client: ClientKind;
  /** `?transport=websockets|sse|longpolling`; undefined lets the client choose. */
  readonly transport: HttpTransportType | undefined;
  /** `?name=`: the display name to show to other viewers. */
  readonly displayName: string | undefined;
  /** `?dashboard=`: the dashboard to open. */
  readonly dashboardId: string;
  /** `?panel=`: a pop-out window showing this panel alone. */
  readonly panelId: string | undefined;
}

const transports: Record<string, HttpTransportType> = {
  websockets: HttpTransportType.WebSockets,
  sse: HttpTransportType.ServerSentEvents,
  longpolling: HttpTransportType.LongPolling,
};

export const defaultDashboardId = 'main';

export function readLaunchOptions(location: Location, bridge: HubdeckBridge | undefined): LaunchOptions {
  const query = new URLSearchParams(location.search);
  const hubUrl = bridge?.hubUrl ?? `${location.origin}${hubPath}`;
  const transport = query.get('transport')?.toLowerCase();
  return {
    hubUrl,
    hostOrigin: new URL(hubUrl).origin,
    client: bridge ? 'app' : 'browser',
    transport: transport === undefined ? undefined : transports[transport],
    displayName: query.get('name')?.trim().slice(0, 100) || undefined,
    dashboardId: query.get('dashboard') || defaultDashboardId,
    panelId: query.get('panel') || undefined,
  };
}
