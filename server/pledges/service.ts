import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { LEADER_TITLE, type PartyRole } from '@/server/authz/roles';
import { buildingSubject, partySubject } from '@/server/authz/subjects';
import type { Db, DbOrTx, Tx } from '@/server/db/client';
import { renderPledgePdf } from '@/server/documents/pledge-pdf';
import { DomainError } from '@/server/errors';
import { canonicalJson } from '@/server/ledger/canonical';
import { recordEvent } from '@/server/ledger/record';
import { signRecord, unlockSigner, type Signer } from '@/server/signatures/service';
import { sha256Of, storeFile } from '@/server/storage';
import { UPLOAD_MEDIA_TYPES } from '@/server/storage/upload';
import type { PledgeDocumentContent } from './content';
import { draftAuthorization, draftBlockers, draftPledge, type DraftSource } from './drafts';
import { assertPledgeGate, draftSource, loadPartyState, projectGates } from './gate';
import { attachOriginalInput, pledgeTaskInput, signPledgesInput, type AttachOriginalInput, type SignPledgesInput } from './schemas';

/** A 法定代表人's original is a scan (PDF) or a photo: any type an upload may have. */
const ORIGINAL_MEDIA_TYPES: readonly string[] = UPLOAD_MEDIA_TYPES;

/** The actor's current 项目负责人 seat in `role` of the project, or NO_CURRENT_LEADER. */
async function leaderSeat(db: DbOrTx, projectId: string, role: PartyRole) {
  const seat = await db.projectMember.findFirst({ where: { projectId, role, isLeader: true, endedAt: null } });
  if (!seat) throw new DomainError('NO_CURRENT_LEADER');
  return seat;
}

/** The buildings whose documents for `role` must be (re)signed by its current leader. */
async function pendingBuildings(db: DbOrTx, projectId: string, role: PartyRole) {
  const gates = await projectGates(db, projectId);
  return gates.flatMap((gate) => {
    const roleGate = gate.roles.find((r) => r.role === role)!;
    const needs = roleGate.missing.includes('authorization') || roleGate.missing.includes('pledge');
    return needs ? [{ buildingId: gate.buildingId, gate: roleGate }] : [];
  });
}

/** For the 待办 page: each (project, role) where the actor is the current leader and something waits for them. */
export async function pledgeTasks(db: DbOrTx, actor: Actor) {
  const seats = await db.projectMember.findMany({
    where: { userId: actor.userId, isLeader: true, endedAt: null },
    select: { role: true, project: { select: { id: true, name: true } } },
    orderBy: { startedAt: 'asc' },
  });
  const tasks = [];
  for (const seat of seats) {
    const gates = await projectGates(db, seat.project.id);
    const state = await loadPartyState(db, seat.project.id);
    const roleGates = gates.map((g) => ({ building: state.buildings.find((b) => b.id === g.buildingId)!, gate: g.roles.find((r) => r.role === seat.role)! }));
    const toSign = roleGates.filter(({ gate }) => gate.missing.includes('authorization') || gate.missing.includes('pledge'));
    const needsOriginal = roleGates.some(({ gate }) => gate.needsOriginal);
    if (toSign.length === 0 && !needsOriginal) continue;
    const blockers = toSign[0]?.gate.missing.filter((m) => m === 'legalRepresentative' || m === 'leaderDetails') ?? [];
    tasks.push({
      projectId: seat.project.id,
      projectName: seat.project.name,
      role: seat.role,
      leaderTitle: LEADER_TITLE[seat.role],
      buildings: toSign.map(({ building, gate }) => ({ id: building.id, code: building.code, name: building.name, reason: gate.stale ? ('stale' as const) : ('missing' as const) })),
      blockers,
      needsOriginal,
    });
  }
  return tasks;
}

/** What the leader is about to sign: the documents for the first building waiting, and which buildings wait. */
export async function pledgePreview(db: DbOrTx, actor: Actor, input: unknown) {
  const { projectId, role } = pledgeTaskInput.parse(input);
  authorize(actor, 'pledge.read', await partySubject(db, actor, projectId, role));
  const state = await loadPartyState(db, projectId);
  const pending = await pendingBuildings(db, projectId, role);
  const first = pending[0]?.buildingId ?? state.buildings[0]?.id;
  const source = first ? draftSource(state, first, role) : ('building' as const);
  if (typeof source === 'string') return { authorization: null, pledge: null, blockers: [source], buildings: [] };
  const now = new Date();
  const authorization = draftAuthorization(source, now);
  return {
    authorization,
    pledge: draftPledge(source, now, { documentId: '', contentSha256: '' }),
    blockers: draftBlockers(source),
    buildings: pending.map((p) => state.buildings.find((b) => b.id === p.buildingId)!).map(({ id, code, name }) => ({ id, code, name })),
  };
}

interface PreparedDocument {
  id: string;
  buildingId: string;
  kind: 'AUTHORIZATION' | 'PLEDGE';
  content: PledgeDocumentContent;
  text: string;
  contentSha256: string;
  pdf: Buffer;
  authorizationId: string | null;
  supersedesId: string | null;
}

async function prepare(
  signer: Signer,
  source: DraftSource,
  at: Date,
  kind: PreparedDocument['kind'],
  previous: { id: string } | null,
  authorization: { id: string; contentSha256: string } | null,
): Promise<PreparedDocument> {
  const id = randomUUID();
  const content =
    kind === 'AUTHORIZATION' ? draftAuthorization(source, at) : draftPledge(source, at, { documentId: authorization!.id, contentSha256: authorization!.contentSha256 });
  const text = canonicalJson(content);
  const contentSha256 = sha256Of(Buffer.from(text, 'utf8'));
  const pdf = await renderPledgePdf(content, [
    { signerName: signer.actor.name, signedAt: at.toISOString(), keyFingerprint: signer.key.fingerprint, contentSha256 },
  ]);
  return { id, buildingId: source.building.id, kind, content, text, contentSha256, pdf, authorizationId: authorization?.id ?? null, supersedesId: previous?.id ?? null };
}

/**
 * The leader signs, with the password re-entered now, the 授权书 and 承诺书 of
 * every building still waiting for them (missing, or stale after a
 * correction: the new document supersedes the old). Nothing is written unless all of it is.
 */
export async function signPledges(db: Db, actor: Actor, input: SignPledgesInput) {
  const { projectId, role, password } = signPledgesInput.parse(input);
  authorize(actor, 'pledge.sign', await partySubject(db, actor, projectId, role));
  const seat = await leaderSeat(db, projectId, role);
  const pending = await pendingBuildings(db, projectId, role);
  if (pending.length === 0) throw new DomainError('NOTHING_TO_SIGN');
  const state = await loadPartyState(db, projectId);
  const sources = pending.map(({ buildingId }) => draftSource(state, buildingId, role));
  if (sources.some((s) => s === 'party')) throw new DomainError('PARTY_NOT_ASSIGNED');
  const ready = sources as DraftSource[];
  const blockers = draftBlockers(ready[0]!);
  if (blockers.includes('legalRepresentative')) throw new DomainError('LEGAL_REPRESENTATIVE_MISSING');
  if (blockers.includes('leaderDetails')) throw new DomainError('LEADER_DETAILS_MISSING');

  const signer = await unlockSigner(db, actor, password);
  const at = new Date();
  const prepared: PreparedDocument[] = [];
  for (const [i, { gate }] of pending.entries()) {
    const source = ready[i]!;
    const reuseAuthorization = gate.authorizationId !== null && !gate.stale;
    let authorization: { id: string; contentSha256: string };
    if (reuseAuthorization) {
      const existing = await db.pledgeDocument.findUniqueOrThrow({ where: { id: gate.authorizationId! }, select: { id: true, contentSha256: true } });
      authorization = existing;
    } else {
      const doc = await prepare(signer, source, at, 'AUTHORIZATION', gate.authorizationId ? { id: gate.authorizationId } : null, null);
      prepared.push(doc);
      authorization = doc;
    }
    prepared.push(await prepare(signer, source, at, 'PLEDGE', gate.pledgeId ? { id: gate.pledgeId } : null, authorization));
  }

  await db.$transaction(
    async (tx) => {
      for (const doc of prepared) await writeSignedDocument(tx, signer, { projectId, role, memberId: seat.id, at, doc });
    },
    { timeout: 60_000 },
  );
  return { signed: prepared.length };
}

async function writeSignedDocument(tx: Tx, signer: Signer, args: { projectId: string; role: PartyRole; memberId: string; at: Date; doc: PreparedDocument }) {
  const { doc } = args;
  await storeFile(tx, { bytes: Buffer.from(doc.text, 'utf8'), mediaType: 'application/json', createdById: signer.actor.userId });
  const pdf = await storeFile(tx, { bytes: doc.pdf, mediaType: 'application/pdf', createdById: signer.actor.userId });
  await tx.pledgeDocument.create({
    data: {
      id: doc.id,
      projectId: args.projectId,
      buildingId: doc.buildingId,
      role: args.role,
      memberId: args.memberId,
      kind: doc.kind,
      content: doc.text,
      contentSha256: doc.contentSha256,
      pdfSha256: pdf.sha256,
      authorizationId: doc.authorizationId,
      supersedesId: doc.supersedesId,
      createdAt: args.at,
    },
  });
  await signRecord(tx, signer, {
    buildingId: doc.buildingId,
    capacity: args.role,
    title: LEADER_TITLE[args.role],
    subject: { type: 'PledgeDocument', id: doc.id },
    contentSha256: doc.contentSha256,
    files: [pdf.sha256],
    at: args.at,
  });
}

/**
 * Binds the scan of the paper 授权书, signed and stamped by the party's
 * 法定代表人, to the current leader's authorizations that lack one; when all
 * have one, the new scan supersedes theirs (a correction, never an edit).
 */
export async function attachOriginal(db: Db, actor: Actor, input: AttachOriginalInput) {
  const { projectId, role, fileSha256 } = attachOriginalInput.parse(input);
  authorize(actor, 'pledge.attachOriginal', await partySubject(db, actor, projectId, role));
  const file = await db.storedFile.findUnique({ where: { sha256: fileSha256 } });
  if (!file) throw new DomainError('FILE_NOT_FOUND', 'fileSha256');
  if (!ORIGINAL_MEDIA_TYPES.includes(file.mediaType)) throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'fileSha256');
  const seat = await leaderSeat(db, projectId, role);
  const gates = await projectGates(db, projectId);
  const authorizations = gates.flatMap((g) => {
    const r = g.roles.find((x) => x.role === role)!;
    return r.authorizationId && !r.stale ? [{ buildingId: g.buildingId, documentId: r.authorizationId, needsOriginal: r.needsOriginal }] : [];
  });
  if (authorizations.length === 0) throw new DomainError('NOTHING_AWAITS_ORIGINAL');
  const waiting = authorizations.filter((a) => a.needsOriginal);
  const targets = waiting.length > 0 ? waiting : authorizations;
  const at = new Date();
  await db.$transaction(async (tx) => {
    for (const target of targets) {
      const previous = await tx.legalRepOriginal.findFirst({ where: { documentId: target.documentId, supersededBy: null }, select: { id: true } });
      const original = await tx.legalRepOriginal.create({
        data: { documentId: target.documentId, fileSha256, uploadedById: actor.userId, supersedesId: previous?.id ?? null, createdAt: at },
      });
      await recordEvent(tx, {
        buildingId: target.buildingId,
        type: 'pledge.originalAttached',
        actor: { id: actor.userId, name: actor.name, role },
        at,
        subjects: { pledgeDocumentId: target.documentId, legalRepOriginalId: original.id, memberId: seat.id },
        files: [fileSha256],
        data: { role, mediaType: file.mediaType, supersedes: previous?.id ?? null },
      });
    }
  });
  return { attached: targets.length };
}

/**
 * 质量监督登记 (条例 art 13): only once the five parties' pledges are signed
 * (124号 art 8). Files the current documents: the event names each of them.
 */
export async function registerForSupervision(db: Db, actor: Actor, buildingId: string) {
  authorize(actor, 'supervision.register', await buildingSubject(db, actor, buildingId));
  return db.$transaction(async (tx) => {
    const gate = await assertPledgeGate(tx, buildingId);
    const at = new Date();
    const { count } = await tx.building.updateMany({ where: { id: buildingId, supervisionRegisteredAt: null }, data: { supervisionRegisteredAt: at } });
    if (count === 0) throw new DomainError('ALREADY_REGISTERED');
    const documentIds = gate.roles.flatMap((r) => [r.authorizationId!, r.pledgeId!]);
    const docs = await tx.pledgeDocument.findMany({
      where: { id: { in: documentIds } },
      select: { pdfSha256: true, contentSha256: true, originals: { where: { supersededBy: null }, select: { fileSha256: true } } },
    });
    await recordEvent(tx, {
      buildingId,
      type: 'supervision.registered',
      actor: { id: actor.userId, name: actor.name, role: 'OWNER' },
      at,
      subjects: { buildingId },
      files: [...new Set(docs.flatMap((d) => [d.contentSha256, d.pdfSha256, ...d.originals.map((o) => o.fileSha256)]))],
      data: { documents: Object.fromEntries(gate.roles.map((r) => [r.role, { authorization: r.authorizationId, pledge: r.pledgeId }])) },
    });
    return { registeredAt: at };
  });
}
