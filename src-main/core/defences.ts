import type { HubOptions, SecurityOptions } from '../../src-server/index.js';

/**
 * The host's defences against a misbehaving peer, in one place: the host applies them, and the
 * benchmark's attack scenario runs its server with the same ones.
 */
export const hostSecurity: SecurityOptions = {
  negotiateRateLimit: { perSecond: 20, burst: 40 },
  totalNegotiateRateLimit: { perSecond: 100, burst: 200 },
  authenticationFailureRateLimit: { perSecond: 2, burst: 20 },
  maximumConnectionsPerAddress: 200,
  maximumConnections: 1000,
};

/** Join-code attempts: ten a minute per address leave a 49-bit code unguessable; sixty a minute in all. */
export const hostJoinLimits = {
  perAddress: { perSecond: 1 / 6, burst: 10 },
  total: { perSecond: 1, burst: 60 },
} as const;

/** The DashboardHub's limits per connection. */
export const hostHubLimits: Partial<HubOptions> = {
  invocationRateLimit: { perSecond: 50, burst: 100 },
  maximumParallelInvocationsPerClient: 4,
  maximumGroupsPerConnection: 256,
  // A browser window sends a few dozen frames a second at most; a flood of tiny frames is held back.
  inboundBudget: { frames: { perSecond: 200, burst: 400 }, bytes: { perSecond: 256 * 1024, burst: 1024 * 1024 } },
};
