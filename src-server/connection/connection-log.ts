import type { HubCallerContext } from '../shared-types.js';
import type { LogFields } from '../log.js';

/**
 * The fields every log line about a connection carries (the hub's path comes from the hub's
 * logger), so that searching the logs for one id finds one peer's whole story.
 */
export function aboutConnection(connection: Pick<HubCallerContext, 'connectionId' | 'userIdentifier'>, fields: LogFields = {}): LogFields {
  return { connectionId: connection.connectionId, userId: connection.userIdentifier, ...fields };
}
