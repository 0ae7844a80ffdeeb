import type { Actor } from '@/server/authz/actor';
import { inJurisdiction } from '@/server/authz/policy';
import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';

/** The 质监站 an inspector acts for on a project: the one whose jurisdiction covers its region. */
export async function inspectorAgency(db: DbOrTx, actor: Actor, regionCode: string) {
  const memberships = await db.membership.findMany({ where: { userId: actor.userId, organization: { kind: 'QUALITY_AGENCY' } }, include: { organization: true } });
  const membership = memberships.find((m) => inJurisdiction(m.organization.regionCodes, regionCode));
  if (!membership) throw new DomainError('FORBIDDEN');
  return membership;
}
