import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import type { PartyRole } from '@/server/authz/roles';
import { buildingSubject, partySubject } from '@/server/authz/subjects';
import type { Db, Tx } from '@/server/db/client';
import { chinaDate, isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import type { CompletionDocumentKind } from '@/server/generated/prisma/enums';
import { findSubdivision } from '@/server/inspections/catalog';
import { completeSignOff, sealContent } from '@/server/inspections/sign-off';
import { recordEvent } from '@/server/ledger/record';
import { unlockSigner, type Signer } from '@/server/signatures/service';
import { assertUploadedDocuments } from '@/server/storage/documents';
import { activeSuspensions, suspensionFacts } from '@/server/suspensions/gate';
import { currentCompletionDocuments, divisionLots, judgeCompletion, readMilestones, type MilestoneRow } from './facts';
import { latestNoticeDay, unmet, type CompletionAttestations } from './preconditions';
import {
  fileCompletionDocumentInput,
  openCompletionAcceptanceInput,
  openDivisionAcceptanceInput,
  recordFilingInput,
  signMilestoneInput,
  type FileCompletionDocumentInput,
  type OpenCompletionAcceptanceInput,
  type OpenDivisionAcceptanceInput,
  type RecordFilingInput,
  type SignMilestoneInput,
} from './schemas';
import { requiredSignatories, signatoryKey, signatoryTitle, type Signatory } from './signatories';

/**
 * Milestones (acceptance-gb50300.md §3–4; supervision.md §5): 分部工程验收 and 单位工程竣工验收, each
 * opened by its organizer on the facts it rests on and signed by every required signatory with the
 * password re-entered; the documents that come before 竣工验收; and its 备案. Every step is a signed
 * record and a ledger event of the building.
 */

/** Milestones of one building are opened and completed one at a time. */
const lockMilestones = (tx: Tx, buildingId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`milestones:${buildingId}`}, 0))`;

async function projectOf(db: Db, buildingId: string) {
  const building = await db.building.findUnique({ where: { id: buildingId }, select: { projectId: true, completedOn: true } });
  if (!building) throw new DomainError('NOT_FOUND');
  return building;
}

/** The actor's current seat that fills this post: the 项目负责人, or a staff seat holding the post. */
async function seatFor(db: Db | Tx, actor: Actor, projectId: string, signatory: Signatory) {
  return db.projectMember.findFirst({
    where: {
      projectId,
      userId: actor.userId,
      role: signatory.role,
      endedAt: null,
      ...(signatory.position === 'LEADER' ? { isLeader: true } : { position: signatory.position }),
    },
    select: { id: true },
  });
}

function assertNotInFuture(date: string, field: string) {
  if (date > chinaDate()) throw new DomainError('DATE_IN_FUTURE', field);
}

async function replayed<T extends { id: string } | null>(row: T, actor: Actor, ownerId: (row: NonNullable<T>) => string) {
  if (!row) return null;
  if (ownerId(row) !== actor.userId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  return { id: row.id, replayed: true };
}

interface OpenArgs {
  buildingId: string;
  kind: 'DIVISION' | 'COMPLETION';
  divisionCode: string | null;
  heldOn: string;
  required: Signatory[];
  facts: Record<string, unknown>;
  opinion: string;
  idempotencyKey: string;
}

/** Writes the milestone (signed by its organizer, the first required signatory) and the organizer's sign-off. */
async function openMilestone(tx: Tx, signer: Signer, memberId: string, args: OpenArgs) {
  await lockMilestones(tx, args.buildingId);
  const current = (await readMilestones(tx, args.buildingId)).find((m) => m.kind === args.kind && m.divisionCode === args.divisionCode && m.state !== 'REFUSED');
  if (current) throw new DomainError(current.state === 'ACCEPTED' ? 'MILESTONE_ALREADY_ACCEPTED' : 'MILESTONE_ALREADY_OPEN');
  const organizer = args.required[0]!;
  const at = new Date();
  const id = randomUUID();
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: args.kind === 'DIVISION' ? 'division-acceptance' : 'completion-acceptance',
    id,
    building: args.buildingId,
    division: args.divisionCode ? { code: args.divisionCode, name: findSubdivision(`${args.divisionCode}01`)?.division.name ?? null } : null,
    heldOn: args.heldOn,
    ...args.facts,
    required: args.required.map((s) => ({ ...s, title: signatoryTitle(s) })),
    organizer: { id: signer.actor.userId, name: signer.actor.name, title: signatoryTitle(organizer) },
    openedAt: at.toISOString(),
  });
  await tx.milestone.create({
    data: {
      id,
      buildingId: args.buildingId,
      kind: args.kind,
      divisionCode: args.divisionCode,
      heldOn: new Date(`${args.heldOn}T00:00:00Z`),
      required: args.required as object[],
      content: text,
      contentSha256,
      openedById: signer.actor.userId,
      openedAt: at,
      idempotencyKey: args.idempotencyKey,
    },
  });
  await completeSignOff(tx, signer, {
    buildingId: args.buildingId,
    role: organizer.role,
    title: signatoryTitle(organizer),
    type: 'milestone.opened',
    subject: { type: 'Milestone', id },
    subjects: { milestoneId: id },
    text,
    contentSha256,
    photoIds: [],
    at,
    data: { kind: args.kind, divisionCode: args.divisionCode, heldOn: args.heldOn },
  });
  const milestone = (await readMilestones(tx, args.buildingId)).find((m) => m.id === id)!;
  await addSignoff(tx, signer, milestone, organizer, memberId, { agrees: true, opinion: args.opinion, idempotencyKey: null });
  return { id, replayed: false };
}

/** One signatory's sign-off; the last agreeing one accepts the milestone (and a 竣工验收 dates the building). */
async function addSignoff(tx: Tx, signer: Signer, milestone: MilestoneRow, signatory: Signatory, memberId: string, input: { agrees: boolean; opinion: string; idempotencyKey: string | null }) {
  const at = new Date();
  const id = randomUUID();
  const title = signatoryTitle(signatory);
  const { text, contentSha256 } = sealContent({
    v: 1,
    kind: 'milestone-signoff',
    id,
    milestone: { id: milestone.id, kind: milestone.kind, divisionCode: milestone.divisionCode, contentSha256: milestone.contentSha256 },
    role: signatory.role,
    position: signatory.position,
    title,
    agrees: input.agrees,
    opinion: input.opinion,
    signer: { id: signer.actor.userId, name: signer.actor.name },
    signedAt: at.toISOString(),
  });
  await tx.milestoneSignoff.create({
    data: { id, milestoneId: milestone.id, role: signatory.role, position: signatory.position, memberId, agrees: input.agrees, opinion: input.opinion, content: text, contentSha256, signedById: signer.actor.userId, signedAt: at, idempotencyKey: input.idempotencyKey },
  });
  await completeSignOff(tx, signer, {
    buildingId: milestone.buildingId,
    role: signatory.role,
    title,
    type: 'milestone.signed',
    subject: { type: 'MilestoneSignoff', id },
    subjects: { milestoneId: milestone.id, milestoneSignoffId: id },
    text,
    contentSha256,
    photoIds: [],
    at,
    data: { position: signatory.position, agrees: input.agrees },
  });
  const signoffs = [...milestone.signoffs, { role: signatory.role, position: signatory.position, agrees: input.agrees }];
  const signed = new Set(signoffs.map(signatoryKey));
  const refused = !input.agrees;
  const complete = milestone.required.every((s) => signed.has(signatoryKey(s)));
  if (!refused && !complete) return;
  const heldOn = isoDate(milestone.heldOn);
  await recordEvent(tx, {
    buildingId: milestone.buildingId,
    type: refused ? 'milestone.refused' : 'milestone.accepted',
    actor: { system: true },
    at,
    subjects: { milestoneId: milestone.id },
    data: { kind: milestone.kind, divisionCode: milestone.divisionCode, heldOn },
  });
  // The 竣工验收 date starts every warranty period (warranty.md) and the 15 days of 备案.
  if (!refused && milestone.kind === 'COMPLETION') await tx.building.update({ where: { id: milestone.buildingId }, data: { completedOn: milestone.heldOn } });
}

/** 分部验收 may open when every lot of the 分部 is complete and no suspension covers it (§3, §8). */
async function assertDivisionReady(db: Db, buildingId: string, divisionCode: string) {
  const lots = (await divisionLots(db, buildingId)).get(divisionCode);
  if (!lots) throw new DomainError('DIVISION_HAS_NO_LOTS', 'divisionCode');
  if (lots.complete < lots.total) throw new DomainError('DIVISION_NOT_READY', 'divisionCode', { incomplete: String(lots.total - lots.complete), total: String(lots.total) });
  await assertDivisionNotSuspended(db, buildingId, divisionCode);
  return lots;
}

async function assertDivisionNotSuspended(db: Db | Tx, buildingId: string, divisionCode: string | null) {
  const covering = (await activeSuspensions(db, buildingId)).find((s) => divisionCode === null || s.wholeBuilding || s.scopeCodes.some((code) => code.startsWith(divisionCode)));
  if (covering) throw new DomainError('WORK_SUSPENDED', undefined, suspensionFacts(covering));
}

export async function openDivisionAcceptance(db: Db, actor: Actor, input: OpenDivisionAcceptanceInput) {
  const data = openDivisionAcceptanceInput.parse(input);
  const { projectId } = await projectOf(db, data.buildingId);
  authorize(actor, 'milestone.organize', await partySubject(db, actor, projectId, 'SUPERVISION'));
  const replay = await replayed(await db.milestone.findUnique({ where: { idempotencyKey: data.idempotencyKey } }), actor, (m) => m.openedById);
  if (replay) return replay;
  assertNotInFuture(data.heldOn, 'heldOn');
  const lots = await assertDivisionReady(db, data.buildingId, data.divisionCode);
  const required = requiredSignatories('DIVISION', data.divisionCode);
  const seat = await seatFor(db, actor, projectId, required[0]!);
  if (!seat) throw new DomainError('FORBIDDEN');
  const signer = await unlockSigner(db, actor, data.password);
  return db.$transaction((tx) =>
    openMilestone(tx, signer, seat.id, {
      buildingId: data.buildingId,
      kind: 'DIVISION',
      divisionCode: data.divisionCode,
      heldOn: data.heldOn,
      required,
      facts: { lots: lots.total, qualityDocumentsComplete: true, functionalTestsConform: true, appearance: data.appearance },
      opinion: data.opinion,
      idempotencyKey: data.idempotencyKey,
    }),
  );
}

const attestationsOf = (data: { designAndContractDone: true; paymentSettled: true; householdAcceptance: 'PASSED' | 'NOT_HOUSING'; otherConditions: true }): CompletionAttestations => ({
  designAndContractDone: data.designAndContractDone,
  paymentSettled: data.paymentSettled,
  householdAcceptance: data.householdAcceptance,
  otherConditions: data.otherConditions,
});

/** Refuses with the codes of every unmet precondition, so the message lists them all at once. */
async function assertCompletionPreconditions(db: Db | Tx, buildingId: string, attestations: CompletionAttestations, heldOn: string) {
  const failing = unmet(await judgeCompletion(db, buildingId, attestations, heldOn));
  if (failing.length > 0) throw new DomainError('COMPLETION_PRECONDITIONS_UNMET', undefined, { codes: failing.map((p) => p.code).join('、') });
}

export async function openCompletionAcceptance(db: Db, actor: Actor, input: OpenCompletionAcceptanceInput) {
  const data = openCompletionAcceptanceInput.parse(input);
  const { projectId } = await projectOf(db, data.buildingId);
  authorize(actor, 'milestone.organize', await partySubject(db, actor, projectId, 'OWNER'));
  const replay = await replayed(await db.milestone.findUnique({ where: { idempotencyKey: data.idempotencyKey } }), actor, (m) => m.openedById);
  if (replay) return replay;
  assertNotInFuture(data.heldOn, 'heldOn');
  const attestations = attestationsOf(data);
  await assertCompletionPreconditions(db, data.buildingId, attestations, data.heldOn);
  const required = requiredSignatories('COMPLETION');
  const seat = await seatFor(db, actor, projectId, required[0]!);
  if (!seat) throw new DomainError('FORBIDDEN');
  const signer = await unlockSigner(db, actor, data.password);
  const documents = await currentCompletionDocuments(db, data.buildingId);
  return db.$transaction((tx) =>
    openMilestone(tx, signer, seat.id, {
      buildingId: data.buildingId,
      kind: 'COMPLETION',
      divisionCode: null,
      heldOn: data.heldOn,
      required,
      // The documents it rests on, by the SHA-256 of what their signers signed.
      facts: { attestations, documents: Object.fromEntries([...documents].map(([kind, d]) => [kind, { id: d.id, contentSha256: d.contentSha256 }])) },
      opinion: data.opinion,
      idempotencyKey: data.idempotencyKey,
    }),
  );
}

export async function signMilestone(db: Db, actor: Actor, input: SignMilestoneInput) {
  const data = signMilestoneInput.parse(input);
  const found = await db.milestone.findUnique({ where: { id: data.milestoneId }, select: { buildingId: true } });
  if (!found) throw new DomainError('MILESTONE_NOT_FOUND');
  authorize(actor, 'milestone.sign', await buildingSubject(db, actor, found.buildingId));
  const replay = await replayed(await db.milestoneSignoff.findUnique({ where: { idempotencyKey: data.idempotencyKey } }), actor, (s) => s.signedById);
  if (replay) return replay;
  const signatory: Signatory = { role: data.role, position: data.position };
  const { projectId } = await projectOf(db, found.buildingId);
  const seat = await seatFor(db, actor, projectId, signatory);
  if (!seat) throw new DomainError('FORBIDDEN');
  const before = (await readMilestones(db, found.buildingId)).find((m) => m.id === data.milestoneId)!;
  if (!before.required.some((s) => signatoryKey(s) === signatoryKey(signatory))) throw new DomainError('NOT_A_SIGNATORY');
  if (data.agrees) {
    await assertDivisionNotSuspended(db, found.buildingId, before.divisionCode);
    if (before.kind === 'COMPLETION') {
      const { attestations } = JSON.parse(before.content) as { attestations: CompletionAttestations };
      await assertCompletionPreconditions(db, found.buildingId, attestations, isoDate(before.heldOn));
    }
  }
  const signer = await unlockSigner(db, actor, data.password);
  return db.$transaction(async (tx) => {
    await lockMilestones(tx, found.buildingId);
    const milestone = (await readMilestones(tx, found.buildingId)).find((m) => m.id === data.milestoneId)!;
    if (milestone.state !== 'OPEN') throw new DomainError(milestone.state === 'ACCEPTED' ? 'MILESTONE_ALREADY_ACCEPTED' : 'MILESTONE_REFUSED');
    if (milestone.signoffs.some((s) => signatoryKey(s) === signatoryKey(signatory))) throw new DomainError('MILESTONE_ALREADY_SIGNED');
    await addSignoff(tx, signer, milestone, signatory, seat.id, { agrees: data.agrees, opinion: data.opinion, idempotencyKey: data.idempotencyKey });
    return { id: data.milestoneId, replayed: false };
  });
}

/** Whose 项目负责人 signs each document (supervision.md §5; GB 55032 4.3.4). */
export const DOCUMENT_PARTY: Record<CompletionDocumentKind, PartyRole> = {
  CONSTRUCTION_REPORT: 'CONSTRUCTION',
  QUALITY_ASSESSMENT: 'SUPERVISION',
  SURVEY_CHECK: 'SURVEY',
  DESIGN_CHECK: 'DESIGN',
  WARRANTY_CERTIFICATE: 'CONSTRUCTION',
  ACCEPTANCE_NOTICE: 'OWNER',
};

export async function fileCompletionDocument(db: Db, actor: Actor, input: FileCompletionDocumentInput) {
  const data = fileCompletionDocumentInput.parse(input);
  const building = await projectOf(db, data.buildingId);
  const role = DOCUMENT_PARTY[data.kind];
  authorize(actor, 'completion.document', await partySubject(db, actor, building.projectId, role));
  const replay = await replayed(await db.completionDocument.findUnique({ where: { idempotencyKey: data.idempotencyKey } }), actor, (d) => d.signedById);
  if (replay) return replay;
  if (building.completedOn) throw new DomainError('MILESTONE_ALREADY_ACCEPTED');
  assertNotInFuture(data.issuedOn, 'issuedOn');
  // The 总监's 预验收 and 质量评估报告 follow the contractor's 竣工报告 (4.3.4(3)–(4)).
  if (data.kind === 'QUALITY_ASSESSMENT' && !(await currentCompletionDocuments(db, data.buildingId)).has('CONSTRUCTION_REPORT')) throw new DomainError('CONSTRUCTION_REPORT_MISSING', 'kind');
  if (data.plannedOn && data.issuedOn > latestNoticeDay(data.plannedOn)) throw new DomainError('NOTICE_TOO_LATE', 'plannedOn', { latest: latestNoticeDay(data.plannedOn) });
  if (data.fileSha256) await assertUploadedDocuments(db, [data.fileSha256], 'fileSha256');
  const seat = await seatFor(db, actor, building.projectId, { role, position: 'LEADER' });
  if (!seat) throw new DomainError('FORBIDDEN');
  const signer = await unlockSigner(db, actor, data.password);
  return db.$transaction(async (tx) => {
    await lockMilestones(tx, data.buildingId);
    const previous = (await currentCompletionDocuments(tx, data.buildingId)).get(data.kind) ?? null;
    const at = new Date();
    const id = randomUUID();
    const title = signatoryTitle({ role, position: 'LEADER' });
    const { text, contentSha256 } = sealContent({
      v: 1,
      kind: 'completion-document',
      id,
      building: data.buildingId,
      document: data.kind,
      summary: data.summary,
      file: data.fileSha256 ?? null,
      issuedOn: data.issuedOn,
      plannedOn: data.plannedOn ?? null,
      supersedes: previous?.id ?? null,
      signer: { id: actor.userId, name: actor.name, party: role, title },
      signedAt: at.toISOString(),
    });
    await tx.completionDocument.create({
      data: {
        id,
        buildingId: data.buildingId,
        kind: data.kind,
        role,
        summary: data.summary,
        fileSha256: data.fileSha256 ?? null,
        issuedOn: new Date(`${data.issuedOn}T00:00:00Z`),
        plannedOn: data.plannedOn ? new Date(`${data.plannedOn}T00:00:00Z`) : null,
        supersedesId: previous?.id ?? null,
        content: text,
        contentSha256,
        signedById: actor.userId,
        signedAt: at,
        idempotencyKey: data.idempotencyKey,
      },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role,
      title,
      type: 'completion.documentFiled',
      subject: { type: 'CompletionDocument', id },
      subjects: { completionDocumentId: id },
      text,
      contentSha256,
      photoIds: [],
      at,
      data: { kind: data.kind, issuedOn: data.issuedOn, plannedOn: data.plannedOn ?? null, supersedes: previous?.id ?? null },
      files: data.fileSha256 ? [data.fileSha256] : [],
    });
    return { id, replayed: false };
  });
}

/** 竣工验收备案: once, after the building passed 竣工验收; a filing after the 15 days is recorded and shown late. */
export async function recordFiling(db: Db, actor: Actor, input: RecordFilingInput) {
  const data = recordFilingInput.parse(input);
  const building = await projectOf(db, data.buildingId);
  authorize(actor, 'completion.filing', await partySubject(db, actor, building.projectId, 'OWNER'));
  const replay = await replayed(await db.completionFiling.findUnique({ where: { idempotencyKey: data.idempotencyKey } }), actor, (f) => f.recordedById);
  if (replay) return replay;
  const completion = (await readMilestones(db, data.buildingId)).find((m) => m.kind === 'COMPLETION' && m.state === 'ACCEPTED');
  if (!completion || !building.completedOn) throw new DomainError('COMPLETION_NOT_ACCEPTED');
  assertNotInFuture(data.filedOn, 'filedOn');
  if (data.filedOn < isoDate(building.completedOn)) throw new DomainError('FILED_BEFORE_COMPLETION', 'filedOn');
  if (data.fileSha256) await assertUploadedDocuments(db, [data.fileSha256], 'fileSha256');
  const signer = await unlockSigner(db, actor, data.password);
  return db.$transaction(async (tx) => {
    await lockMilestones(tx, data.buildingId);
    if (await tx.completionFiling.findUnique({ where: { milestoneId: completion.id } })) throw new DomainError('ALREADY_FILED');
    const at = new Date();
    const id = randomUUID();
    const title = signatoryTitle({ role: 'OWNER', position: 'LEADER' });
    const { text, contentSha256 } = sealContent({
      v: 1,
      kind: 'completion-filing',
      id,
      building: data.buildingId,
      completion: { id: completion.id, heldOn: isoDate(completion.heldOn), contentSha256: completion.contentSha256 },
      filedOn: data.filedOn,
      authority: data.authority,
      filingNumber: data.filingNumber,
      file: data.fileSha256 ?? null,
      recordedBy: { id: actor.userId, name: actor.name, title },
      recordedAt: at.toISOString(),
    });
    await tx.completionFiling.create({
      data: { id, buildingId: data.buildingId, milestoneId: completion.id, filedOn: new Date(`${data.filedOn}T00:00:00Z`), authority: data.authority, filingNumber: data.filingNumber, fileSha256: data.fileSha256 ?? null, content: text, contentSha256, recordedById: actor.userId, recordedAt: at, idempotencyKey: data.idempotencyKey },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role: 'OWNER',
      title,
      type: 'completion.filed',
      subject: { type: 'CompletionFiling', id },
      subjects: { completionFilingId: id, milestoneId: completion.id },
      text,
      contentSha256,
      photoIds: [],
      at,
      data: { filedOn: data.filedOn, authority: data.authority, filingNumber: data.filingNumber },
      files: data.fileSha256 ? [data.fileSha256] : [],
    });
    return { id, replayed: false };
  });
}
