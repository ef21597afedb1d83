import { type HttpTransportType, type HubConnection, HubConnectionBuilder, type IRetryPolicy, LogLevel } from '@microsoft/signalr';
import { isUnauthorized } from './hub-errors.js';

const retryDelaysMs = [0, 1_000, 2_000, 5_000];

/**
 * Reconnects for ever, at most 5 s apart: a dashboard left on a wall must come back by itself
 * when the host restarts or the network blinks. A refused token is the exception: retrying
 * cannot help, only joining again. The client closes without saying why it gave up, so the
 * refusal is handed to `onRefused` first.
 */
function reconnectPolicy(onRefused: (error: Error) => void): IRetryPolicy {
  return {
    nextRetryDelayInMilliseconds: ({ previousRetryCount, retryReason }) => {
      if (!isUnauthorized(retryReason)) return retryDelaysMs[Math.min(previousRetryCount, retryDelaysMs.length - 1)]!;
      onRefused(retryReason);
      return null;
    },
  };
}

/** Where the hub is and how to sign in to it. */
export interface HubConnectionOptions {
  readonly hubUrl: string;
  /** Asked before every negotiation, so a token obtained later (joining) is used on the next start. */
  readonly token: () => string | Promise<string> | undefined;
  /** Undefined lets the client pick the best transport. */
  readonly transport: HttpTransportType | undefined;
  /** The host refused the token while reconnecting. */
  readonly onRefused: (error: Error) => void;
}

export function createHubConnection(options: HubConnectionOptions): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(options.hubUrl, {
      transport: options.transport,
      // An empty token sends no Authorization header: the host then treats the page as anonymous.
      accessTokenFactory: async () => (await options.token()) ?? '',
    })
    .withAutomaticReconnect(reconnectPolicy(options.onRefused))
    .configureLogging(LogLevel.Warning)
    .build();
}
