import type { DbOrTx } from '@/server/db/client';
import type { GlobalRole } from './roles';

/** Who is acting: a signed-in user (session) or a user's API token, with exactly that user's rights. */
export interface Actor {
  userId: string;
  login: string;
  name: string;
  roles: GlobalRole[];
  organizationIds: string[];
  /** Region codes of the 质监站 the user belongs to; meaningful with the INSPECTOR role. */
  jurisdiction: string[];
  via: 'session' | 'token';
}

/** Loads an active user as an actor; null when the user is gone or disabled. */
export async function loadActor(db: DbOrTx, userId: string, via: Actor['via']): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { roles: true, memberships: { include: { organization: true } } },
  });
  if (!user || user.disabledAt) return null;
  const roles = user.roles.map((r) => r.role);
  const agencies = user.memberships.map((m) => m.organization).filter((o) => o.kind === 'QUALITY_AGENCY');
  return {
    userId: user.id,
    login: user.login,
    name: user.name,
    roles,
    organizationIds: user.memberships.map((m) => m.organizationId),
    jurisdiction: roles.includes('INSPECTOR') ? [...new Set(agencies.flatMap((a) => a.regionCodes))].sort() : [],
    via,
  };
}
