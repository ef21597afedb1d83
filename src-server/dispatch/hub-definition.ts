import type { HubConnectionSettings } from '../connection/connection-dispatcher.js';
import type { GroupManager } from '../lifetime/hub-clients.js';
import type { HubLifetimeManager } from '../lifetime/lifetime-manager.js';
import type { HubUser } from '../shared-types.js';
import type { AuthorizationPolicy, HubClass } from './hub.js';
import type { HubFilter } from './hub-filter.js';
import type { MethodTable } from './method-table.js';

/** Everything a mapped hub needs at run time. */
export interface HubDefinition extends HubConnectionSettings {
  readonly path: string;
  readonly hubClass: HubClass;
  readonly services: unknown;
  readonly methods: MethodTable;
  readonly manager: HubLifetimeManager;
  readonly groups: GroupManager;
  /** A hub-wide policy every method's caller must pass, besides the method's own. */
  readonly authorize: AuthorizationPolicy | undefined;
  /** Decides which groups a hub may put its caller's connection in; refusals reach the caller. */
  readonly groupPolicy: GroupPolicy | undefined;
  /** Global filters first, then the hub's. */
  readonly filters: readonly HubFilter[];
}

/** Whether a hub acting for `user` may add `connectionId` to `group`. */
export type GroupPolicy = (request: { readonly user: HubUser | undefined; readonly connectionId: string; readonly group: string }) => boolean | Promise<boolean>;
