import { dashboardHub } from './dashboard-hub.js';
import type { HubContract } from './schema.js';

/** Every hub contract; the code generator writes files for each. */
export const contracts: readonly HubContract[] = [dashboardHub];
