import { HttpTransportType, type HubConnection, HubConnectionBuilder, type IHttpConnectionOptions, LogLevel } from '@microsoft/signalr';
import { type HubServer, type HubServerOptions, createHubServer } from '../../src-server/index.js';

/** A hub server listening on a free loopback port, closed by `close()`. */
export interface RunningServer {
  readonly server: HubServer;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a hub server configured by `setup`. */
export async function startServer(setup: (server: HubServer) => void, options: HubServerOptions = {}): Promise<RunningServer> {
  const server = createHubServer({ logLevel: 'silent', ...options });
  setup(server);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url: address.url, close: () => server.close(200) };
}

export interface ClientOptions extends IHttpConnectionOptions {
  readonly configure?: (builder: HubConnectionBuilder) => HubConnectionBuilder;
}

/** Builds a real @microsoft/signalr client for `url` (WebSockets unless told otherwise), not started. */
export function buildClient(url: string, options: ClientOptions = {}): HubConnection {
  const { configure, ...http } = options;
  const builder = new HubConnectionBuilder()
    .withUrl(url, { transport: HttpTransportType.WebSockets, ...http })
    .configureLogging(LogLevel.None);
  return (configure ? configure(builder) : builder).build();
}

/** Builds and starts a client; stopped by `stopAll`. */
export async function connect(url: string, options: ClientOptions = {}): Promise<HubConnection> {
  const connection = buildClient(url, options);
  await connection.start();
  return connection;
}

/** Resolves with the arguments of the next call of client method `method`. */
export function nextCall(connection: HubConnection, method: string, timeoutMs = 5000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off(method, handler);
      reject(new Error(`No '${method}' call within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (...args: unknown[]) => {
      clearTimeout(timer);
      connection.off(method, handler);
      resolve(args);
    };
    connection.on(method, handler);
  });
}

/** Resolves when the client reports that it closed, with the error it closed with. */
export function closed(connection: HubConnection, timeoutMs = 5000): Promise<Error | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Connection did not close within ${timeoutMs} ms`)), timeoutMs);
    connection.onclose((error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `condition` holds, polling; fails after `timeoutMs` with an error saying what was
 * awaited (`what`, worded to follow "waiting until").
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}.`);
    await delay(intervalMs);
  }
}
