import type { DbOrTx } from '@/server/db/client';
import type { PartyRole } from '@/server/authz/roles';
import type { SignatureStatement } from './statement';

/** Who signed a record, as its page shows it: name, title and party as signed, the party's organization, when. */
export interface SignedBy {
  name: string;
  title: string;
  /** The capacity signed in: a party role, or a global one (INSPECTOR) */
  capacity: string;
  /** The organization that is that party in the building's project, if it is one */
  organization: string | null;
  signedAt: Date;
}

/**
 * The signatures of these records of one building, read from the signed statements (the name
 * and title as they were at signing), oldest first. Nothing else of the signer leaves here.
 */
export async function signersOf(db: DbOrTx, buildingId: string, subjects: { type: string; id: string }[]) {
  const [signatures, building] = await Promise.all([
    subjects.length === 0
      ? []
      : db.signature.findMany({
          where: { buildingId, OR: subjects.map((s) => ({ subjectType: s.type, subjectId: s.id })) },
          select: { subjectType: true, subjectId: true, capacity: true, statement: true, signedAt: true },
          orderBy: { signedAt: 'asc' },
        }),
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { project: { select: { parties: { select: { role: true, organization: { select: { name: true } } } } } } } }),
  ]);
  const organizationOf = new Map<string, string>(building.project.parties.map((p) => [p.role, p.organization.name]));
  const signed = signatures.map((s) => {
    const statement = JSON.parse(s.statement) as SignatureStatement;
    const by: SignedBy = { name: statement.signer.name, title: statement.title, capacity: s.capacity, organization: organizationOf.get(s.capacity) ?? null, signedAt: s.signedAt };
    return { type: s.subjectType, id: s.subjectId, by };
  });
  /** The record's signature in `capacity` (the first, if several), or null. */
  return (type: string, id: string, capacity: PartyRole | 'INSPECTOR'): SignedBy | null => signed.find((s) => s.type === type && s.id === id && s.by.capacity === capacity)?.by ?? null;
}
