import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { DashboardHubProxy } from '../../contracts/generated/dashboard-hub.client.js';

/** A Node-side client of a host's DashboardHub, for arranging a scenario (rules, codes) through the generated client. */
export async function connectOwner(hostUrl: string, token: string): Promise<DashboardHubProxy> {
  const connection = new HubConnectionBuilder()
    .withUrl(`${hostUrl}/hubs/dashboard`, { accessTokenFactory: () => token })
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  return new DashboardHubProxy(connection);
}
