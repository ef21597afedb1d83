import { Hub, type HubClass, type HubMethodOptions } from './hub.js';

/** A hub method as clients see it. */
export interface HubMethod {
  /** The name clients invoke it by. */
  readonly name: string;
  readonly invoke: (...args: unknown[]) => unknown;
  /** All parameters, stream parameters included. */
  readonly parameterCount: number;
  readonly streamParameters: readonly number[] | undefined;
  /** Returns a server-to-client stream. */
  readonly streaming: boolean;
  readonly validate: HubMethodOptions['validate'];
  readonly streamItemChecks: HubMethodOptions['streamItemChecks'];
  readonly authorize: HubMethodOptions['authorize'];
}

const lifecycle = new Set(['constructor', 'onConnected', 'onDisconnected']);

/** The methods of a hub class, found case-insensitively as ASP.NET Core does. */
export class MethodTable {
  private readonly byName = new Map<string, HubMethod>();

  constructor(hubClass: HubClass) {
    const options: Readonly<Record<string, HubMethodOptions>> = hubClass.methods ?? {};
    const seen = new Set<string>();
    for (let proto = hubClass.prototype; proto && proto !== Hub.prototype && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, key);
        if (lifecycle.has(key) || seen.has(key) || typeof descriptor?.value !== 'function') continue;
        seen.add(key);
        this.add(key, descriptor.value as (...args: unknown[]) => unknown, options[key]);
      }
    }
    for (const key of Object.keys(options)) {
      if (!seen.has(key)) throw new TypeError(`Hub '${hubClass.name}' configures method '${key}', which it does not have.`);
    }
  }

  /** Finds a method by the name a client used, ignoring case. */
  resolve(name: string): HubMethod | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every method, for diagnostics and descriptions. */
  list(): HubMethod[] {
    return [...this.byName.values()];
  }

  private add(key: string, fn: (...args: unknown[]) => unknown, options: HubMethodOptions | undefined): void {
    const name = options?.name ?? key;
    const lower = name.toLowerCase();
    if (this.byName.has(lower)) throw new TypeError(`Duplicate definitions of '${name}'. Overloading is not supported.`);
    this.byName.set(lower, {
      name,
      invoke: fn,
      parameterCount: options?.parameterCount ?? fn.length,
      streamParameters: options?.streamParameters,
      streaming: options?.stream ?? fn.constructor.name === 'AsyncGeneratorFunction',
      validate: options?.validate,
      streamItemChecks: options?.streamItemChecks,
      authorize: options?.authorize,
    });
  }
}
