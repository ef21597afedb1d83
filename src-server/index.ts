export { createHubServer, HubServer } from './hub-server.js';
export type { BoundAddress, HubServerOptions, MapHubOptions } from './hub-server.js';
export { Hub } from './dispatch/hub.js';
export type { HubCallerContext, HubClass, HubMethodOptions, HubMethodsConfig, HubUser, RequestInfo } from './dispatch/hub.js';
export {
  ClientError,
  ConnectionLostError,
  HubException,
  HubServerError,
  InvalidDataError,
  InvalidOperationError,
  MessageTooLargeError,
  OperationCanceledError,
} from './errors.js';
export type { ClientProxy, DynamicClient, SingleClientProxy } from './lifetime/client-proxy.js';
export type { GroupManager, HubCallerClients, HubClients, HubContext } from './lifetime/hub-clients.js';
export type { ClientTarget, HubLifetimeManager } from './lifetime/lifetime-manager.js';
export { MemoryLifetimeManager } from './lifetime/memory-lifetime-manager.js';
export { SerializedMessage } from './lifetime/serialized-message.js';
export type { ConnectionStats, HubStatsSnapshot } from './hub-stats.js';
export { createLogger } from './log.js';
export type { LogFields, LogLevel, LogSink, Logger } from './log.js';
export { defaultHubOptions } from './options.js';
export type { HubOptions, TransportKind } from './options.js';
