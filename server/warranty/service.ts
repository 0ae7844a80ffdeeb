import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { buildingSubject } from '@/server/authz/subjects';
import { hashPassword } from '@/server/auth/password';
import type { Db, DbOrTx, Tx } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { chinaDate, isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { attachPhotos } from '@/server/evidence/service';
import { sealContent } from '@/server/inspections/sign-off';
import { recordEvent } from '@/server/ledger/record';
import { storeFile } from '@/server/storage';
import { claimState, NEXT_STEPS, type ClaimState, type ClaimStepKind } from './claim-state';
import {
  claimStepInput,
  fileClaimInput,
  importUnitsInput,
  issueInvitationInput,
  redeemInvitationInput,
  unitNumber,
  type ClaimStepInput,
  type FileClaimInput,
  type ImportUnitsInput,
  type IssueInvitationInput,
  type RedeemInvitationInput,
} from './schemas';
import { coverage, warrantyTerms } from './terms';

/**
 * Warranty (warranty.md): the units of a building and the homeowners' invitations; 保修通知 judged
 * against the building's terms at filing, and every step after it. Each claim and step is a ledger
 * event of the building. Homeowners appear in the ledger by id only, never by name or phone.
 */


/** A building's terms, once it has passed 竣工验收 (its date starts every period). */
export function termsOf(building: { completedOn: Date | null; designWorkingLifeYears: number }) {
  return building.completedOn ? warrantyTerms({ completedOn: isoDate(building.completedOn), designWorkingLifeYears: building.designWorkingLifeYears }) : null;
}

const UNIT_HEADER = /^(户号|房号|房间号|单元户号|unit|unit ?no\.?|number)$/i;

/** The first column of each CSV line; a first line that is a header (户号, number…) is skipped. */
function unitNumbersOf(csv: string): string[] {
  const cells = csv
    .split(/\r?\n/)
    .map((line) => line.split(/[,\t，]/)[0]!.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter((cell) => cell.length > 0);
  if (cells.length > 0 && (UNIT_HEADER.test(cells[0]!) || !unitNumber.safeParse(cells[0]).success)) cells.shift();
  return cells;
}

export async function importUnits(db: Db, actor: Actor, input: ImportUnitsInput) {
  const data = importUnitsInput.parse(input);
  authorize(actor, 'unit.manage', await buildingSubject(db, actor, data.buildingId));
  const numbers = unitNumbersOf(data.csv);
  if (numbers.length === 0) throw new DomainError('UNITS_EMPTY', 'csv');
  if (numbers.length > 5000) throw new DomainError('UNITS_TOO_MANY', 'csv');
  const bad = numbers.findIndex((n) => !unitNumber.safeParse(n).success);
  if (bad >= 0) throw new DomainError('UNIT_NUMBER_INVALID', 'csv', { number: numbers[bad]!.slice(0, 30) });
  const unique = [...new Set(numbers)];
  return db.$transaction(async (tx) => {
    const { count } = await tx.unit.createMany({ data: unique.map((number) => ({ buildingId: data.buildingId, number })), skipDuplicates: true });
    if (count > 0) {
      await recordEvent(tx, { buildingId: data.buildingId, type: 'units.imported', actor: { id: actor.userId, name: actor.name }, data: { created: count } });
    }
    return { created: count, existing: unique.length - count };
  });
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const INVITATION_DAYS = 30;
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** A code for one unit, shown once to the 建设单位 who hands it to the buyer; kept only as a hash. */
export async function issueInvitation(db: Db, actor: Actor, input: IssueInvitationInput) {
  const data = issueInvitationInput.parse(input);
  const unit = await db.unit.findUnique({ where: { id: data.unitId }, select: { buildingId: true, number: true } });
  if (!unit) throw new DomainError('UNIT_NOT_FOUND');
  authorize(actor, 'unit.manage', await buildingSubject(db, actor, unit.buildingId));
  const code = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')).join('-');
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  await db.unitInvitation.create({ data: { unitId: data.unitId, codeHash: hashCode(code), issuedById: actor.userId, expiresAt } });
  return { code, unit: unit.number, expiresAt };
}

/** Public: the homeowner's own account, bound to the unit of the code; the code works once. */
export async function redeemInvitation(db: Db, input: RedeemInvitationInput) {
  const data = redeemInvitationInput.parse(input);
  const invitation = await db.unitInvitation.findUnique({ where: { codeHash: hashCode(data.code) } });
  if (!invitation || invitation.redeemedAt) throw new DomainError('INVITATION_INVALID', 'code');
  if (invitation.expiresAt < new Date()) throw new DomainError('INVITATION_EXPIRED', 'code');
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    let user;
    try {
      user = await tx.user.create({ data: { login: data.login, name: data.name, phone: data.phone, passwordHash, roles: { create: { role: 'HOMEOWNER' } } }, select: { id: true, login: true } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('LOGIN_TAKEN', 'login');
      throw error;
    }
    // Only the first redemption wins, even when two arrive at once.
    const { count } = await tx.unitInvitation.updateMany({ where: { id: invitation.id, redeemedAt: null }, data: { redeemedById: user.id, redeemedAt: new Date() } });
    if (count === 0) throw new DomainError('INVITATION_INVALID', 'code');
    await tx.unitOwner.create({ data: { unitId: invitation.unitId, userId: user.id } });
    return user;
  });
}

/** Who may add which step (warranty.md §4 "who does what"). */
const STEP_PARTY: Record<ClaimStepKind, 'CONTRACTOR' | 'HOMEOWNER_OR_OWNER' | 'ANY'> = {
  ACKNOWLEDGED: 'CONTRACTOR',
  VISIT_SCHEDULED: 'CONTRACTOR',
  REPAIRED: 'CONTRACTOR',
  DECLINED: 'CONTRACTOR',
  CONFIRMED: 'HOMEOWNER_OR_OWNER',
  REOPENED: 'HOMEOWNER_OR_OWNER',
  MESSAGE: 'ANY',
};

/** The capacities the actor holds for this claim's unit: its homeowner, the building's 施工单位 or 建设单位. */
export async function claimCapacities(db: DbOrTx, actor: Actor, claim: { buildingId: string; unitId: string }) {
  const subject = await buildingSubject(db, actor, claim.buildingId);
  const homeowner = (await db.unitOwner.count({ where: { unitId: claim.unitId, userId: actor.userId } })) > 0;
  return {
    subject,
    homeowner,
    contractor: can(actor, 'claim.contractor', subject),
    owner: can(actor, 'claim.owner', subject),
  };
}

type Capacities = { homeowner: boolean; contractor: boolean; owner: boolean };

/** Whether the actor's capacities allow this kind of step at all. */
function mayTake(capacities: Capacities, kind: ClaimStepKind) {
  const party = STEP_PARTY[kind];
  if (party === 'CONTRACTOR') return capacities.contractor;
  if (party === 'HOMEOWNER_OR_OWNER') return capacities.homeowner || capacities.owner;
  return capacities.contractor || capacities.homeowner || capacities.owner;
}

/** The steps this actor may take next on a claim in `state`. */
export const allowedSteps = (capacities: Capacities, state: ClaimState) => NEXT_STEPS[state].filter((kind) => mayTake(capacities, kind));

const lockClaim = (tx: Tx, claimId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`claim:${claimId}`}, 0))`;

async function writeStep(tx: Tx, claim: { id: string; buildingId: string }, step: { kind: ClaimStepKind; actorRole: string; actorId: string | null; text: string; visitAt: Date | null; photoIds: string[]; idempotencyKey: string | null; at: Date }) {
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'warranty-claim-step',
    id,
    claim: claim.id,
    step: step.kind,
    by: { role: step.actorRole, id: step.actorId },
    text: step.text,
    visitAt: step.visitAt?.toISOString() ?? null,
    photos: step.photoIds,
    at: step.at.toISOString(),
  });
  await tx.warrantyClaimStep.create({ data: { id, claimId: claim.id, buildingId: claim.buildingId, kind: step.kind, actorRole: step.actorRole, actorId: step.actorId, text: step.text, visitAt: step.visitAt, content: text, contentSha256, at: step.at, idempotencyKey: step.idempotencyKey } });
  await storeFile(tx, { bytes: Buffer.from(text, 'utf8'), mediaType: 'application/json', createdById: step.actorId });
  const evidence = await attachPhotos(tx, { type: 'WarrantyClaimStep', id, buildingId: claim.buildingId }, step.photoIds);
  await recordEvent(tx, {
    buildingId: claim.buildingId,
    type: 'warranty.claimStep',
    actor: step.actorId ? { id: step.actorId, role: step.actorRole } : { system: true },
    at: step.at,
    subjects: { warrantyClaimId: claim.id, warrantyClaimStepId: id },
    files: [contentSha256, ...evidence.sha256s],
    data: { step: step.kind },
  });
  return id;
}

/** `now` is the clock: the app's own time, or a past one for the demo's history (prisma/seed). */
export async function fileClaim(db: Db, actor: Actor, input: FileClaimInput, now: Date = new Date()) {
  const data = fileClaimInput.parse(input);
  const unit = await db.unit.findUnique({ where: { id: data.unitId }, select: { id: true, number: true, building: { select: { id: true, projectId: true, completedOn: true, designWorkingLifeYears: true } } } });
  if (!unit) throw new DomainError('UNIT_NOT_FOUND');
  const building = unit.building;
  const capacities = await claimCapacities(db, actor, { buildingId: building.id, unitId: unit.id });
  authorize(actor, 'claim.file', capacities.subject);
  if (!capacities.homeowner && !capacities.owner) throw new DomainError('FORBIDDEN');
  const replay = await db.warrantyClaim.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.filedById !== actor.userId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true, inWarranty: replay.inWarranty };
  }
  const terms = termsOf(building);
  if (!terms) throw new DomainError('NOT_COMPLETED');
  const filedOn = chinaDate(now);
  const covered = coverage(terms, data.category, filedOn);
  const contractor = await db.projectParty.findUnique({ where: { projectId_role: { projectId: building.projectId, role: 'CONSTRUCTION' } }, select: { organization: { select: { id: true, name: true } } } });
  const role = capacities.homeowner ? 'HOMEOWNER' : 'OWNER';
  const at = now;
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'warranty-claim',
    id,
    building: building.id,
    unit: { id: unit.id, number: unit.number },
    category: data.category,
    location: data.location,
    description: data.description,
    emergency: data.emergency,
    filedOn,
    coverage: { inWarranty: covered.inWarranty, coveredUntil: covered.endsOn },
    responsible: contractor ? { organizationId: contractor.organization.id, name: contractor.organization.name } : null,
    photos: data.photoIds,
    filedBy: { id: actor.userId, role },
    filedAt: at.toISOString(),
  });
  return db.$transaction(async (tx) => {
    await tx.warrantyClaim.create({
      data: {
        id,
        buildingId: building.id,
        unitId: unit.id,
        category: data.category,
        location: data.location,
        description: data.description,
        emergency: data.emergency,
        filedOn: new Date(`${filedOn}T00:00:00Z`),
        inWarranty: covered.inWarranty,
        coveredUntil: covered.endsOn ? new Date(`${covered.endsOn}T00:00:00Z`) : null,
        responsibleOrganizationId: contractor?.organization.id ?? null,
        content: text,
        contentSha256,
        filedById: actor.userId,
        filedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await storeFile(tx, { bytes: Buffer.from(text, 'utf8'), mediaType: 'application/json', createdById: actor.userId });
    const evidence = await attachPhotos(tx, { type: 'WarrantyClaim', id, buildingId: building.id }, data.photoIds);
    await recordEvent(tx, {
      buildingId: building.id,
      type: 'warranty.claimFiled',
      actor: { id: actor.userId, role },
      at,
      subjects: { warrantyClaimId: id, unitId: unit.id },
      files: [contentSha256, ...evidence.sha256s],
      data: { category: data.category, emergency: data.emergency, inWarranty: covered.inWarranty, coveredUntil: covered.endsOn },
    });
    // Outside the period: answered at once with the reason, and kept on record (warranty.md §5).
    if (covered.inWarranty === false) {
      await writeStep(tx, { id, buildingId: building.id }, { kind: 'DECLINED', actorRole: 'SYSTEM', actorId: null, text: `OUT_OF_WARRANTY:${covered.endsOn}`, visitAt: null, photoIds: [], idempotencyKey: null, at });
    }
    return { id, replayed: false, inWarranty: covered.inWarranty };
  });
}

export async function addClaimStep(db: Db, actor: Actor, input: ClaimStepInput, now: Date = new Date()) {
  const data = claimStepInput.parse(input);
  const claim = await db.warrantyClaim.findUnique({ where: { id: data.claimId }, select: { id: true, buildingId: true, unitId: true, filedAt: true, emergency: true } });
  if (!claim) throw new DomainError('CLAIM_NOT_FOUND');
  const capacities = await claimCapacities(db, actor, claim);
  authorize(actor, 'claim.step', capacities.subject);
  const replay = await db.warrantyClaimStep.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.actorId !== actor.userId || replay.claimId !== claim.id) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  const party = STEP_PARTY[data.kind];
  if (!mayTake(capacities, data.kind)) throw new DomainError('FORBIDDEN');
  const actorRole = party === 'CONTRACTOR' ? 'CONSTRUCTION' : capacities.homeowner ? 'HOMEOWNER' : capacities.contractor ? 'CONSTRUCTION' : 'OWNER';
  return db.$transaction(async (tx) => {
    await lockClaim(tx, claim.id);
    const steps = await tx.warrantyClaimStep.findMany({ where: { claimId: claim.id }, orderBy: { at: 'asc' }, select: { kind: true, at: true } });
    const { state, closed } = claimState(claim, steps, now);
    if (closed) throw new DomainError('CLAIM_CLOSED');
    if (!NEXT_STEPS[state].includes(data.kind)) throw new DomainError('CLAIM_STEP_NOT_ALLOWED', 'kind');
    const id = await writeStep(tx, claim, {
      kind: data.kind,
      actorRole,
      actorId: actor.userId,
      text: data.text,
      // Only a visit has a time; a local value without an offset is China time.
      visitAt: data.kind === 'VISIT_SCHEDULED' && data.visitAt ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(data.visitAt) ? data.visitAt : `${data.visitAt}+08:00`) : null,
      photoIds: data.photoIds,
      idempotencyKey: data.idempotencyKey,
      at: now,
    });
    return { id, replayed: false };
  });
}
