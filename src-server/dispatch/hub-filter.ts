import type { HubCallerContext } from '../shared-types.js';
import type { Hub } from './hub.js';

/** One invocation as a filter sees it. */
export interface HubInvocationContext {
  readonly context: HubCallerContext;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly hub: Hub<any>;
  /** The method's name as clients call it. */
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * Code that runs around hub invocations and connection events, like ASP.NET Core's IHubFilter:
 * logging, authorization, validation, rate limits. A filter calls `next()` to go on, or throws
 * (a HubException's message reaches the caller) to stop.
 */
export interface HubFilter {
  invokeMethod?(invocation: HubInvocationContext, next: () => Promise<unknown>): Promise<unknown>;
  onConnected?(context: HubCallerContext, next: () => Promise<void>): Promise<void>;
  onDisconnected?(context: HubCallerContext, error: Error | undefined, next: () => Promise<void>): Promise<void>;
}

/** Runs `last` inside every filter that defines `step`, the first filter outermost. */
export function runFilters<T>(
  filters: readonly HubFilter[],
  step: (filter: HubFilter, next: () => Promise<T>) => Promise<T> | undefined,
  last: () => Promise<T>,
): Promise<T> {
  const at = (index: number): Promise<T> => {
    for (let i = index; i < filters.length; i++) {
      const result = step(filters[i]!, () => at(i + 1));
      if (result) return result;
    }
    return last();
  };
  return at(0);
}
