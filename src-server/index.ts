export { createHubServer, HubServer } from './hub-server.js';
export type { BoundAddress, HubServerOptions, MapHubOptions } from './hub-server.js';
export { Hub } from './dispatch/hub.js';
export type {
  AuthorizationPolicy,
  AuthorizationRequest,
  HubCallerContext,
  HubClass,
  HubMethodOptions,
  HubMethodsConfig,
  HubUser,
  RequestInfo,
} from './dispatch/hub.js';
export {
  ClientError,
  ConnectionLostError,
  HubException,
  HubServerError,
  InvalidDataError,
  InvalidOperationError,
  MessageTooLargeError,
  OutboundOverflowError,
  OperationCanceledError,
} from './errors.js';
export type { ClientArgs, ClientMethodName, ClientProxy, ClientResult, DynamicClient, SingleClientProxy } from './lifetime/client-proxy.js';
export type { GroupManager, HubCallerClients, HubClients, HubContext } from './lifetime/hub-clients.js';
export type { ClientTarget, HubBinding, HubLifetimeManager } from './lifetime/lifetime-manager.js';
export { MemoryLifetimeManager } from './lifetime/memory-lifetime-manager.js';
export { SerializedMessage } from './lifetime/serialized-message.js';
export { BackplaneUnavailableError, GroupAckTimeoutError } from './backplane/backplane-errors.js';
export type { BackplaneStatus, BackplaneStatusListener } from './backplane/backplane-health.js';
export type { ConnectionStats, HubStatsSnapshot } from './hub-stats.js';
export type { GroupPolicy } from './dispatch/hub-dispatcher.js';
export type { HubFilter, HubInvocationContext } from './dispatch/hub-filter.js';
export { AuthenticationError, bearerToken } from './security/authentication.js';
export type { Authenticate } from './security/authentication.js';
export { checkBrowserPolicy } from './security/browser-policy.js';
export type { BrowserPolicy, BrowserVerdict } from './security/browser-policy.js';
export { KeyedRateLimiter, TokenBucket } from './security/token-bucket.js';
export type { ConnectionLimits } from './security/connection-budget.js';
export type { RateLimit } from './security/token-bucket.js';
export type { SecurityOptions } from './hub-server.js';
export { createLogger } from './log.js';
export { answerInternalError } from './transport/internal-error.js';
export { defaultHttpTimeouts, httpServerOptions } from './transport/http-timeouts.js';
export type { HttpTimeouts } from './transport/http-timeouts.js';
export type { LogFields, LogLevel, LogSink, Logger } from './log.js';
export { defaultHubOptions } from './options.js';
export type { HubOptions, TransportKind } from './options.js';
export type { NodeServer } from './transport/server-events.js';
export type { NegotiateRedirect } from './transport/negotiate.js';
export type { Clock } from './connection/heartbeat.js';
export type { InboundLimits } from './security/inbound-budget.js';
