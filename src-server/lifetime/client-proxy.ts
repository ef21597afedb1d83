/** Any client method; the client interface of a hub that does not declare one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DynamicClient = Record<string, (...args: any[]) => unknown>;

/** Names of the methods a client interface declares. */
export type ClientMethodName<T> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof T]: T[K] extends (...args: any[]) => unknown ? K : never;
}[keyof T] & string;

/** Parameters of client method K. */
export type ClientArgs<T, K extends keyof T> = T[K] extends (...args: infer A) => unknown ? A : never;

/** What client method K returns to a client-result invocation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClientResult<T, K extends keyof T> = T[K] extends (...args: any[]) => infer R ? Awaited<R> : never;

/**
 * Sends to a set of connections. Each method of the client interface is callable directly
 * (`clients.all.receiveMessage(user, text)`), type-checked against the interface.
 */
export type ClientProxy<T> = {
  readonly [K in ClientMethodName<T>]: (...args: ClientArgs<T, K>) => Promise<void>;
} & {
  /** Sends by method name, for names only known at run time. */
  send<K extends ClientMethodName<T>>(method: K, ...args: ClientArgs<T, K>): Promise<void>;
  /**
   * The same targets for latest-value data: a connection that falls behind gets only the newest
   * message sent under `key`, and older ones are dropped (counted as conflations).
   */
  conflate(key: string): ClientProxy<T>;
};

/** A proxy for exactly one connection, which can also ask the client for a result. */
export type SingleClientProxy<T> = ClientProxy<T> & {
  /** Invokes a client method and resolves with its return value; a trailing AbortSignal cancels the wait. */
  invoke<K extends ClientMethodName<T>>(method: K, ...args: ClientArgs<T, K>): Promise<ClientResult<T, K>>;
  invoke<K extends ClientMethodName<T>>(method: K, ...args: [...ClientArgs<T, K>, AbortSignal]): Promise<ClientResult<T, K>>;
};

type Send = (method: string, args: unknown[], conflationKey?: string) => Promise<void>;
type Invoke = (method: string, args: unknown[], signal: AbortSignal | undefined) => Promise<unknown>;

// Property names that must not turn into client methods: awaiting a proxy probes `then`.
const reserved = new Set<PropertyKey>(['then', 'toJSON', 'constructor']);

/** Builds a proxy whose unknown properties become client-method senders. */
export function createClientProxy<T>(send: Send): ClientProxy<T>;
export function createClientProxy<T>(send: Send, invoke: Invoke): SingleClientProxy<T>;
export function createClientProxy(send: Send, invoke?: Invoke): unknown {
  const base: Record<string, unknown> = {
    send: (method: string, ...args: unknown[]) => send(method, args),
    conflate: (key: string) => createClientProxy((method, args) => send(method, args, key)),
  };
  if (invoke) {
    base.invoke = (method: string, ...args: unknown[]) => {
      const last = args[args.length - 1];
      return last instanceof AbortSignal ? invoke(method, args.slice(0, -1), last) : invoke(method, args, undefined);
    };
  }
  const methods = new Map<string, (...args: unknown[]) => Promise<void>>();
  return new Proxy(base, {
    get(target, property) {
      if (typeof property === 'symbol' || reserved.has(property)) return undefined;
      if (property in target) return target[property];
      let method = methods.get(property);
      if (!method) methods.set(property, (method = (...args: unknown[]) => send(property, args)));
      return method;
    },
  });
}
