import type { DynamicClient } from '../lifetime/client-proxy.js';
import type { GroupManager, HubCallerClients } from '../lifetime/hub-clients.js';
import type { HubCallerContext, HubUser } from '../shared-types.js';

/** Where the dispatcher puts a stream invocation's own signal on a hub instance. */
export const invocationSignal = Symbol('invocation signal');

/** Per-method settings a hub class declares in its static `methods` table. */
export interface HubMethodOptions {
  /** Exposes the method under this name instead of its own, like ASP.NET Core's [HubMethodName]. */
  readonly name?: string;
  /** The parameter count, where Function.length cannot tell it (default or rest parameters). */
  readonly parameterCount?: number;
  /** Positions of parameters fed by client-to-server streams; by default they follow the other arguments. */
  readonly streamParameters?: readonly number[];
  /** Marks a method returning an AsyncIterable as a stream when it is not an async generator. */
  readonly stream?: boolean;
  /**
   * Checks the (non-stream) arguments before the method runs; returns a problem to refuse the
   * call with, or undefined. Generated from hub contracts.
   */
  readonly validate?: (args: readonly unknown[]) => string | undefined;
  /** Checks each item of each upload stream parameter, in parameter order. */
  readonly streamItemChecks?: ReadonlyArray<(item: unknown, path: string) => string | undefined>;
  /** Decides whether the caller may run the method; refused calls get ASP.NET Core's "unauthorized" error. */
  readonly authorize?: AuthorizationPolicy;
}

/** What an authorization policy decides on. Identity comes from `user`, never from the arguments. */
export interface AuthorizationRequest {
  readonly user: HubUser | undefined;
  readonly context: HubCallerContext;
  /** The method's name as clients call it. */
  readonly method: string;
  readonly args: readonly unknown[];
}

/** Allows (true) or refuses (false) a call. */
export type AuthorizationPolicy = (request: AuthorizationRequest) => boolean | Promise<boolean>;

/** The static `methods` table of a hub class. */
export type HubMethodsConfig<THub> = { readonly [K in keyof THub]?: HubMethodOptions };

/**
 * Base class of hubs. A new instance serves each invocation, so instance fields do not outlive
 * a call; keep per-connection state in `context.items`. Helper methods that must not be callable
 * by clients are written as `#private` methods.
 */
export abstract class Hub<TClient = DynamicClient> {
  /** Per-method settings: exposed names, stream parameters. */
  static readonly methods?: Readonly<Record<string, HubMethodOptions>>;

  context!: HubCallerContext;
  clients!: HubCallerClients<TClient>;
  groups!: GroupManager;
  /** Set by the dispatcher for stream invocations, which the caller can cancel on their own. */
  [invocationSignal]?: AbortSignal;

  /** Aborted when the caller cancels this invocation (a stream's dispose) or the connection ends. */
  get signal(): AbortSignal {
    // Read lazily: most calls never look, and the connection makes its signal only on demand.
    return this[invocationSignal] ?? this.context.connectionAborted;
  }

  /** Runs when a connection has completed its handshake, before it can invoke methods. */
  onConnected(): void | Promise<void> {}

  /** Runs when a connection has ended; `error` says why if it did not end cleanly. */
  onDisconnected(_error?: Error): void | Promise<void> {}
}

/** A hub class, constructed with the services given to mapHub. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HubClass<THub extends Hub<any> = Hub<any>, TServices = any> = (new (services: TServices) => THub) & {
  readonly methods?: Readonly<Record<string, HubMethodOptions>>;
};
