import type { DbOrTx } from '@/server/db/client';
import { isoDate } from '@/server/dates';
import type { Signatory } from './signatories';
import type { CompletionDocumentKind } from '@/server/generated/prisma/enums';
import { lotStates } from '@/server/inspections/progress';
import { openNoticeNumbers } from '@/server/notices/service';
import { buildingGate } from '@/server/pledges/gate';
import { activeSuspensions } from '@/server/suspensions/gate';
import { completionPreconditions, type CompletionAttestations } from './preconditions';
import { milestoneState } from './state';

/** What the building's records say, for the milestones: read here once, judged by the pure rules. */


export type MilestoneRow = Awaited<ReturnType<typeof readMilestones>>[number];

/** The building's milestones, oldest first, each with its sign-offs and derived state. */
export async function readMilestones(db: DbOrTx, buildingId: string) {
  const rows = await db.milestone.findMany({
    where: { buildingId },
    orderBy: { openedAt: 'asc' },
    include: { signoffs: { orderBy: { signedAt: 'asc' } } },
  });
  return rows.map((row) => {
    const required = row.required as unknown as Signatory[];
    const signoffs = row.signoffs.map((s) => ({ ...s, position: s.position as Signatory['position'] }));
    return { ...row, required, signoffs, ...milestoneState(required, signoffs) };
  });
}

/** Per 分部 (DD): its lots, how many are complete (accepted, concealed work accepted, 旁站 signed, no failed batch). */
export async function divisionLots(db: DbOrTx, buildingId: string) {
  const divisions = new Map<string, { total: number; complete: number }>();
  for (const lot of await lotStates(db, buildingId)) {
    const code = lot.subdivisionCode.slice(0, 2);
    const counts = divisions.get(code) ?? { total: 0, complete: 0 };
    counts.total++;
    if (lot.incomplete === null && lot.failedMaterials.length === 0) counts.complete++;
    divisions.set(code, counts);
  }
  return divisions;
}

/** The latest (not superseded) completion document of each kind. */
export async function currentCompletionDocuments(db: DbOrTx, buildingId: string) {
  const rows = await db.completionDocument.findMany({ where: { buildingId, supersededBy: null }, orderBy: { signedAt: 'asc' } });
  return new Map(rows.map((r) => [r.kind, r] as const));
}

/** The facts C1–C13 and the rest are judged on, for an acceptance held on `heldOn`. */
export async function completionFacts(db: DbOrTx, buildingId: string, attestations: CompletionAttestations, heldOn: string) {
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { projectId: true } });
  const [lots, milestones, documents, awaitingApproval, awaitingResult, openNotices, chiefSupervisor, gate, suspensions] = await Promise.all([
    lotStates(db, buildingId),
    readMilestones(db, buildingId),
    currentCompletionDocuments(db, buildingId),
    db.materialReceipt.count({ where: { buildingId, approval: null } }),
    db.witnessSample.count({ where: { buildingId, result: null } }),
    openNoticeNumbers(db, buildingId),
    db.projectMember.count({ where: { projectId: building.projectId, role: 'SUPERVISION', isLeader: true, endedAt: null } }),
    buildingGate(db, buildingId),
    activeSuspensions(db, buildingId),
  ]);
  const notice = documents.get('ACCEPTANCE_NOTICE');
  return {
    attestations,
    documents: new Set<CompletionDocumentKind>(documents.keys()),
    lots: {
      total: lots.length,
      notAccepted: lots.filter((l) => l.incomplete !== null).length,
      onFailedMaterial: lots.filter((l) => l.failedMaterials.length > 0).length,
    },
    divisions: {
      withLots: [...new Set(lots.map((l) => l.subdivisionCode.slice(0, 2)))].sort(),
      accepted: milestones.filter((m) => m.kind === 'DIVISION' && m.state === 'ACCEPTED').map((m) => m.divisionCode!),
    },
    materials: { awaitingApproval, awaitingResult },
    openNotices,
    chiefSupervisorSeated: chiefSupervisor > 0,
    pledgesComplete: gate.ready,
    activeSuspensions: suspensions.length,
    notice: notice ? { issuedOn: isoDate(notice.issuedOn), plannedOn: isoDate(notice.plannedOn!) } : null,
    heldOn,
  };
}

export const judgeCompletion = async (db: DbOrTx, buildingId: string, attestations: CompletionAttestations, heldOn: string) =>
  completionPreconditions(await completionFacts(db, buildingId, attestations, heldOn));
