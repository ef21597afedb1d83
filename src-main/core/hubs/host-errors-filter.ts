import { type HubFilter, HubException } from '../../../src-server/index.js';
import { HostError } from '../host-error.js';

/**
 * Hands the caller the words of a HostError (a missing dashboard, a conflict, a quota): those
 * are written for them. Every other error keeps the hub server's generic text.
 */
export const hostErrorsFilter: HubFilter = {
  async invokeMethod(_invocation, next) {
    try {
      return await next();
    } catch (error) {
      if (error instanceof HostError) throw new HubException(error.message, { cause: error });
      throw error;
    }
  },
};
