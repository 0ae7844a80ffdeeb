import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import type { PartyRole } from '@/server/authz/roles';
import { buildingSubject } from '@/server/authz/subjects';
import type { DbOrTx } from '@/server/db/client';
import { chinaDate, isoDate } from '@/server/dates';
import { CATALOG } from '@/server/inspections/catalog';
import { currentCompletionDocuments, divisionLots, judgeCompletion, readMilestones, type MilestoneRow } from './facts';
import { COMPLETION_DOCUMENT_KINDS } from './schemas';
import { DOCUMENT_PARTY } from './service';
import { signatoryKey, signatoryTitle, type Signatory } from './signatories';
import { deadlineFrom, FILING_DAYS, SUPERVISION_REPORT_DAYS } from './state';

/**
 * A building's milestones as its page shows them: each 分部 with its lots and acceptance (who signed,
 * who is still missing), the road to 竣工验收 with the preconditions met and unmet, the 备案 and the
 * 监督报告 with their deadlines; and what this actor may do.
 */
export async function buildingMilestones(db: DbOrTx, actor: Actor, buildingId: string) {
  const subject = await buildingSubject(db, actor, buildingId);
  authorize(actor, 'milestone.read', subject);
  const [building, milestones, lots, documents, seats, filing, report] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true, code: true, name: true, completedOn: true, project: { select: { id: true, name: true } } } }),
    readMilestones(db, buildingId),
    divisionLots(db, buildingId),
    currentCompletionDocuments(db, buildingId),
    db.projectMember.findMany({ where: { projectId: subject.projectId, endedAt: null }, select: { userId: true, role: true, isLeader: true, position: true, user: { select: { name: true } } } }),
    db.completionFiling.findFirst({ where: { buildingId } }),
    db.supervisionReport.findFirst({ where: { buildingId }, select: { id: true, conclusion: true, pdfSha256: true, signedAt: true, content: true } }),
  ]);
  const holds = (s: Signatory) => (seat: (typeof seats)[number]) => seat.role === s.role && (s.position === 'LEADER' ? seat.isLeader : seat.position === s.position);
  const isLeaderOf = (role: PartyRole) => seats.some((seat) => seat.userId === actor.userId && seat.role === role && seat.isLeader);
  const session = actor.via === 'session';

  const view = (m: MilestoneRow) => ({
    id: m.id,
    kind: m.kind,
    divisionCode: m.divisionCode,
    heldOn: isoDate(m.heldOn),
    openedAt: m.openedAt,
    state: m.state,
    signatories: m.required.map((s) => {
      const signoff = m.signoffs.find((o) => signatoryKey(o) === signatoryKey(s));
      return {
        role: s.role,
        position: s.position,
        title: signatoryTitle(s),
        holders: seats.filter(holds(s)).map((seat) => seat.user.name),
        signoff: signoff ? { name: (JSON.parse(signoff.content) as { signer: { name: string } }).signer.name, agrees: signoff.agrees, opinion: signoff.opinion, signedAt: signoff.signedAt } : null,
        mine: session && m.state === 'OPEN' && !signoff && seats.some((seat) => seat.userId === actor.userId && holds(s)(seat)),
      };
    }),
  });

  const catalogName = new Map(CATALOG.map((d) => [d.code, d.name]));
  const divisionCodes = [...new Set([...lots.keys(), ...milestones.filter((m) => m.kind === 'DIVISION').map((m) => m.divisionCode!)])].sort();
  const canOrganizeDivision = session && isLeaderOf('SUPERVISION');
  const divisions = divisionCodes.map((code) => {
    const history = milestones.filter((m) => m.kind === 'DIVISION' && m.divisionCode === code);
    const current = history.findLast((m) => m.state !== 'REFUSED') ?? null;
    const counts = lots.get(code) ?? { total: 0, complete: 0 };
    return {
      code,
      name: catalogName.get(code) ?? code,
      lots: counts,
      ready: counts.total > 0 && counts.complete === counts.total,
      current: current ? view(current) : null,
      refused: history.filter((m) => m.state === 'REFUSED').map(view),
      canOpen: canOrganizeDivision && !current && counts.total > 0 && counts.complete === counts.total,
    };
  });

  const completionHistory = milestones.filter((m) => m.kind === 'COMPLETION');
  const completion = completionHistory.findLast((m) => m.state !== 'REFUSED') ?? null;
  const notice = documents.get('ACCEPTANCE_NOTICE');
  // The organizer declares C1, C7, C9 and C11 when opening it; before that they show as to be declared.
  const declared = { designAndContractDone: true, paymentSettled: true, householdAcceptance: 'PASSED', otherConditions: true } as const;
  const plannedOn = notice?.plannedOn ? isoDate(notice.plannedOn) : chinaDate();
  const preconditions = completion ? null : await judgeCompletion(db, buildingId, declared, plannedOn);
  const today = chinaDate();
  const completedOn = building.completedOn ? isoDate(building.completedOn) : null;

  return {
    building: { id: building.id, code: building.code, name: building.name, project: building.project, completedOn },
    divisions,
    completion: {
      documents: COMPLETION_DOCUMENT_KINDS.map((kind) => {
        const d = documents.get(kind);
        const role = DOCUMENT_PARTY[kind];
        return {
          kind,
          role,
          current: d ? { id: d.id, summary: d.summary, issuedOn: isoDate(d.issuedOn), plannedOn: d.plannedOn ? isoDate(d.plannedOn) : null, fileSha256: d.fileSha256, signer: (JSON.parse(d.content) as { signer: { name: string; title: string } }).signer, signedAt: d.signedAt, corrected: d.supersedesId !== null } : null,
          canFile: session && !completedOn && isLeaderOf(role),
        };
      }),
      plannedOn: notice?.plannedOn ? isoDate(notice.plannedOn) : null,
      preconditions,
      current: completion ? view(completion) : null,
      refused: completionHistory.filter((m) => m.state === 'REFUSED').map(view),
      canOpen: session && !completion && isLeaderOf('OWNER') && preconditions !== null && preconditions.every((p) => p.met) && plannedOn <= today,
    },
    filing: completedOn
      ? {
          ...deadlineFrom(completedOn, FILING_DAYS, filing ? isoDate(filing.filedOn) : null, today),
          record: filing ? { filedOn: isoDate(filing.filedOn), authority: filing.authority, filingNumber: filing.filingNumber, fileSha256: filing.fileSha256, recordedAt: filing.recordedAt } : null,
          canRecord: session && !filing && isLeaderOf('OWNER'),
        }
      : null,
    report: completedOn
      ? {
          ...deadlineFrom(completedOn, SUPERVISION_REPORT_DAYS, report ? chinaDate(report.signedAt) : null, today),
          record: report ? { id: report.id, conclusion: report.conclusion, pdfSha256: report.pdfSha256, signedAt: report.signedAt, inspector: (JSON.parse(report.content) as { inspector: { name: string; title: string } }).inspector } : null,
          canIssue: !report && can(actor, 'supervision.report', subject),
        }
      : null,
  };
}
