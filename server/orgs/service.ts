import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import type { Db, DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { isUniqueViolation } from '@/server/db/errors';
import { createOrganizationInput, setLegalRepresentativeInput, type CreateOrganizationInput, type SetLegalRepresentativeInput } from './schemas';

export async function createOrganization(db: Db, actor: Actor, input: CreateOrganizationInput) {
  authorize(actor, 'organization.create');
  const data = createOrganizationInput.parse(input);
  try {
    return await db.organization.create({
      data: {
        name: data.name,
        creditCode: data.creditCode,
        kind: data.kind,
        legalRepresentative: data.legalRepresentative || null,
        regionCodes: data.kind === 'QUALITY_AGENCY' ? [...new Set(data.regionCodes)].sort() : [],
        createdById: actor.userId,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CREDIT_CODE_TAKEN', 'creditCode');
    throw error;
  }
}

export async function listOrganizations(db: DbOrTx, actor: Actor) {
  authorize(actor, 'organization.list');
  const rows = await db.organization.findMany({
    orderBy: { createdAt: 'asc' },
    include: { _count: { select: { memberships: true } } },
  });
  return rows.map(({ _count, ...org }) => ({ ...org, memberCount: _count.memberships }));
}

/**
 * Records or corrects the 法定代表人. Authorizations already signed that name
 * another person become stale: their leaders are asked to sign again.
 */
export async function setLegalRepresentative(db: Db, actor: Actor, input: SetLegalRepresentativeInput) {
  authorize(actor, 'organization.update');
  const { organizationId, legalRepresentative } = setLegalRepresentativeInput.parse(input);
  const { count } = await db.organization.updateMany({ where: { id: organizationId }, data: { legalRepresentative } });
  if (count === 0) throw new DomainError('ORGANIZATION_NOT_FOUND');
  return { organizationId, legalRepresentative };
}
