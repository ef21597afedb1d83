import type { Actor } from '../../../contracts/generated/dashboard-hub.types.js';
import type { AuthorizationPolicy, HubCallerContext, HubUser } from '../../../src-server/index.js';

/** What a peer may do: viewers read, operators acknowledge alerts and edit dashboards, the owner manages rules and sharing. */
export type Role = 'viewer' | 'operator' | 'owner';

const rank: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

/** The caller's highest role; users without one are viewers. */
export function roleOf(user: HubUser | undefined): Role {
  return (['owner', 'operator', 'viewer'] as const).find((role) => user?.roles?.includes(role)) ?? 'viewer';
}

/** Who a caller without credentials is; the host only lets such callers in to read. */
export const anonymous: Actor = { id: 'anonymous', name: 'Anonymous', role: 'viewer' };

/** Who is calling, always from the authenticated user, never from arguments. */
export function identify(context: HubCallerContext): Actor {
  const user = context.user;
  if (!user) return anonymous;
  return { id: user.id, name: user.name ?? user.id, role: roleOf(user) };
}

/** A policy allowing callers whose role is at least `needed`. */
export function requireRole(needed: Role): AuthorizationPolicy {
  return ({ user }) => rank[roleOf(user)] >= rank[needed];
}
