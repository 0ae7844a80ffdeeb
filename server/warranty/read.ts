import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx } from '@/server/db/client';
import { chinaDate, isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { photosOfRecords } from '@/server/evidence/service';
import { maskPhone } from '@/server/identity/mask';
import { claimState } from './claim-state';
import { constructionEvidence } from './evidence';
import { allowedSteps, claimCapacities, termsOf } from './service';
import type { WarrantyCategory, WarrantyTerm } from './terms';

/**
 * What the warranty pages show: a building's terms, units and claims (a homeowner: only their own
 * units'), a homeowner's units, and one claim with its steps, its construction evidence and the
 * steps this actor may take. A homeowner never sees another owner's name or phone.
 */


/** Each term with whether it still covers today (also the public page's warranty summary). */
export const withToday = (terms: WarrantyTerm[] | null, today: string) => terms?.map((t) => ({ ...t, coversToday: t.endsOn === null ? null : today <= t.endsOn })) ?? null;

type ClaimRow = { id: string; unitId: string; category: WarrantyCategory; location: string; emergency: boolean; filedAt: Date; inWarranty: boolean | null; coveredUntil: Date | null; unit: { number: string }; steps: { kind: 'ACKNOWLEDGED' | 'VISIT_SCHEDULED' | 'REPAIRED' | 'CONFIRMED' | 'REOPENED' | 'DECLINED' | 'MESSAGE'; at: Date }[] };
const claimSummary = (c: ClaimRow) => ({
  id: c.id,
  unit: c.unit.number,
  category: c.category,
  location: c.location,
  emergency: c.emergency,
  filedAt: c.filedAt,
  inWarranty: c.inWarranty,
  coveredUntil: c.coveredUntil ? isoDate(c.coveredUntil) : null,
  ...claimState(c, c.steps),
});
const claimSelect = { id: true, unitId: true, category: true, location: true, emergency: true, filedAt: true, inWarranty: true, coveredUntil: true, unit: { select: { number: true } }, steps: { select: { kind: true, at: true }, orderBy: { at: 'asc' } } } as const;

export async function buildingWarranty(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'warranty.read', subject);
  // Parties, inspectors and ADMIN see the building's claims; a homeowner only their own units'.
  const seesAll = can(actor, 'inspection.read', subject);
  const ownUnits = seesAll ? null : { owners: { some: { userId: actor.userId } } };
  const [building, units, claims, contractor] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true, code: true, name: true, completedOn: true, designWorkingLifeYears: true, projectId: true, project: { select: { id: true, name: true } } } }),
    db.unit.findMany({ where: { buildingId, ...(ownUnits ?? {}) }, orderBy: { number: 'asc' }, select: { id: true, number: true, _count: { select: { owners: true } } } }),
    db.warrantyClaim.findMany({ where: { buildingId, ...(ownUnits ? { unit: ownUnits } : {}) }, orderBy: { filedAt: 'desc' }, select: claimSelect }),
    db.projectParty.findFirst({ where: { role: 'CONSTRUCTION', project: { buildings: { some: { id: buildingId } } } }, select: { organization: { select: { name: true } } } }),
  ]);
  const manage = can(actor, 'unit.manage', subject);
  return {
    building: { id: building.id, code: building.code, name: building.name, project: building.project, completedOn: building.completedOn ? isoDate(building.completedOn) : null, designWorkingLifeYears: building.designWorkingLifeYears },
    contractor: contractor?.organization.name ?? null,
    terms: withToday(termsOf(building), chinaDate()),
    // The 建设单位 sees whether a unit's buyer has joined, never who.
    units: units.map((u) => ({ id: u.id, number: u.number, joined: u._count.owners > 0 })),
    claims: claims.map(claimSummary),
    permissions: { canManageUnits: manage, canFile: actor.via === 'session' && building.completedOn !== null && (subject.ownsUnit || can(actor, 'claim.owner', subject)) },
  };
}

/** A homeowner's units: each building's terms and the unit's claims. */
export async function myUnits(db: DbOrTx, actor: Actor) {
  const units = await db.unit.findMany({
    where: { owners: { some: { userId: actor.userId } } },
    orderBy: { number: 'asc' },
    select: {
      id: true,
      number: true,
      building: { select: { id: true, code: true, name: true, completedOn: true, designWorkingLifeYears: true, project: { select: { name: true } } } },
      claims: { orderBy: { filedAt: 'desc' }, select: claimSelect },
    },
  });
  const today = chinaDate();
  return units.map((u) => ({
    id: u.id,
    number: u.number,
    building: { id: u.building.id, code: u.building.code, name: u.building.name, project: u.building.project.name, completedOn: u.building.completedOn ? isoDate(u.building.completedOn) : null },
    terms: withToday(termsOf(u.building), today),
    claims: u.claims.map(claimSummary),
  }));
}

export async function getClaim(db: DbOrTx, actor: Actor, claimId: string) {
  const claim = await db.warrantyClaim.findUnique({
    where: { id: claimId },
    include: { unit: { select: { number: true } }, building: { select: { id: true, code: true, name: true } }, steps: { orderBy: { at: 'asc' } } },
  });
  if (!claim) throw new DomainError('CLAIM_NOT_FOUND');
  const capacities = await claimCapacities(db, actor, claim);
  const seesAll = can(actor, 'inspection.read', capacities.subject);
  if (!seesAll && !capacities.homeowner) throw new DomainError('FORBIDDEN');
  const [filer, photosOf, evidence] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: claim.filedById }, select: { name: true, phone: true } }),
    photosOfRecords(db, [{ type: 'WarrantyClaim', id: claim.id }, ...claim.steps.map((s) => ({ type: 'WarrantyClaimStep', id: s.id }))]),
    constructionEvidence(db, claim.buildingId, claim.category),
  ]);
  const actorNames = new Map((await db.user.findMany({ where: { id: { in: claim.steps.flatMap((s) => (s.actorId ? [s.actorId] : [])) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  // The people who act on the claim see who filed it and how to reach them; an inspector sees the phone masked.
  const contact = capacities.contractor || capacities.owner || claim.filedById === actor.userId;
  const responsible = claim.responsibleOrganizationId ? await db.organization.findUnique({ where: { id: claim.responsibleOrganizationId }, select: { name: true } }) : null;
  const state = claimState(claim, claim.steps);
  const session = actor.via === 'session';
  return {
    id: claim.id,
    building: claim.building,
    unit: claim.unit.number,
    category: claim.category,
    location: claim.location,
    description: claim.description,
    emergency: claim.emergency,
    filedOn: isoDate(claim.filedOn),
    filedAt: claim.filedAt,
    filedBy: { name: filer.name, phone: filer.phone ? (contact ? filer.phone : maskPhone(filer.phone)) : null },
    inWarranty: claim.inWarranty,
    coveredUntil: claim.coveredUntil ? isoDate(claim.coveredUntil) : null,
    responsible: responsible?.name ?? null,
    contentSha256: claim.contentSha256,
    photos: photosOf('WarrantyClaim', claim.id),
    steps: claim.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      actorRole: s.actorRole,
      // A homeowner's name only to those who may contact them; a party's person by name.
      actorName: s.actorId && (s.actorRole !== 'HOMEOWNER' || contact) ? (actorNames.get(s.actorId) ?? null) : null,
      text: s.text,
      visitAt: s.visitAt,
      at: s.at,
      photos: photosOf('WarrantyClaimStep', s.id),
    })),
    ...state,
    evidence,
    allowedSteps: session ? allowedSteps(capacities, state.state) : [],
  };
}
