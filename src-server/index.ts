export { createHubServer, HubServer } from './hub-server.js';
export type { BoundAddress, HubServerOptions, MapHubOptions } from './hub-server.js';
export { Hub } from './dispatch/hub.js';
export type { AuthorizationPolicy, AuthorizationRequest, HubClass, HubMethodOptions, HubMethodsConfig } from './dispatch/hub.js';
export type { HubCallerContext, HubUser, RequestInfo, TransferFormat, TransportKind } from './shared-types.js';
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
export { createHubContext } from './lifetime/hub-clients.js';
export type { GroupManager, HubCallerClients, HubClients, HubContext } from './lifetime/hub-clients.js';
export type { ClientTarget, HubBinding, HubLifetimeManager, ManagedConnection } from './lifetime/lifetime-manager.js';
export { MemoryLifetimeManager } from './lifetime/memory-lifetime-manager.js';
export { SerializedMessage } from './protocol/serialized-message.js';
export type { HubProtocol } from './protocol/hub-protocol.js';
export type { FrameReader } from './protocol/frame-reader.js';
export { JsonHubProtocol } from './protocol/json-protocol.js';
export { MessagePackHubProtocol } from './protocol/messagepack-protocol.js';
export { MessageType } from './protocol/messages.js';
export type {
  AckMessage,
  CancelInvocationMessage,
  CloseMessage,
  CompletionMessage,
  Headers,
  HubMessage,
  InvocationMessage,
  PingMessage,
  SequenceMessage,
  StreamInvocationMessage,
  StreamItemMessage,
} from './protocol/messages.js';
export { BackplaneUnavailableError, GroupAckTimeoutError } from './backplane/backplane-errors.js';
export type { BackplaneStatus, BackplaneStatusListener } from './backplane/backplane-health.js';
export type { ConnectionStats, HubStatsSnapshot } from './hub-stats.js';
export type { GroupPolicy } from './dispatch/hub-definition.js';
export type { HubFilter, HubInvocationContext } from './dispatch/hub-filter.js';
export { AuthenticationError, bearerToken } from './security/authentication.js';
export type { Authenticate } from './security/authentication.js';
export { checkBrowserPolicy } from './security/browser-policy.js';
export type { BrowserPolicy, BrowserVerdict } from './security/browser-policy.js';
export { KeyedRateLimiter, TokenBucket } from './security/token-bucket.js';
export type { ConnectionLimits } from './security/connection-budget.js';
export type { SecurityOptions } from './hub-server.js';
export { createLogger } from './log.js';
export { answerInternalError } from './transport/internal-error.js';
export { defaultHttpTimeouts, httpServerOptions } from './transport/http-timeouts.js';
export type { HttpTimeouts } from './transport/http-timeouts.js';
export type { LogFields, LogLevel, LogSink, Logger } from './log.js';
export { defaultHubOptions } from './options.js';
export type { HubOptions, InboundLimits, RateLimit } from './options.js';
export type { MonotonicClock } from './clock.js';
export type { NodeServer } from './transport/server-events.js';
export type { NegotiateRedirect } from './transport/negotiate.js';
