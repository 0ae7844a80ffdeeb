import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import { authorize, can } from '@/server/authz/policy';
import { LEADER_TITLE, PARTY_NAME, PARTY_ROLES } from '@/server/authz/roles';
import { buildingSubject } from '@/server/authz/subjects';
import type { Db, DbOrTx } from '@/server/db/client';
import { renderSupervisionReportPdf, type SupervisionReportContent } from '@/server/documents/supervision-report-pdf';
import { isoDate } from '@/server/dates';
import { DomainError } from '@/server/errors';
import { findSubdivision } from '@/server/inspections/catalog';
import { completeSignOff, sealContent } from '@/server/inspections/sign-off';
import { lotStates } from '@/server/inspections/progress';
import { readMilestones } from '@/server/milestones/facts';
import { signatoryTitle } from '@/server/milestones/signatories';
import { openNoticeNumbers } from '@/server/notices/service';
import { unlockSigner } from '@/server/signatures/service';
import { fileStore, storeFile } from '@/server/storage';
import { inspectorAgency } from './agency';
import { issueSupervisionReportInput, type IssueSupervisionReportInput } from './schemas';

/**
 * 工程质量监督报告 (令5号; supervision.md §5, due within 5 days of 竣工验收): generated from the
 * building's records — parties, lots, 分部验收, materials, 监督检查, notices, suspensions, the
 * 竣工验收 and who signed it — with the inspector's conclusion, rendered as PDF and signed by the
 * inspector of the region. One per building.
 */
export async function issueSupervisionReport(db: Db, actor: Actor, input: IssueSupervisionReportInput) {
  const data = issueSupervisionReportInput.parse(input);
  const subject = await buildingSubject(db, actor, data.buildingId);
  authorize(actor, 'supervision.report', subject);
  const replay = await db.supervisionReport.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
  if (replay) {
    if (replay.inspectorId !== actor.userId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return { id: replay.id, replayed: true };
  }
  const milestones = await readMilestones(db, data.buildingId);
  const completion = milestones.find((m) => m.kind === 'COMPLETION' && m.state === 'ACCEPTED');
  if (!completion) throw new DomainError('COMPLETION_NOT_ACCEPTED');
  if (await db.supervisionReport.findFirst({ where: { buildingId: data.buildingId } })) throw new DomainError('SUPERVISION_REPORT_ALREADY_ISSUED');
  const agency = await inspectorAgency(db, actor, subject.regionCode);
  const [building, parties, leaders, lots, receipts, samples, inspections, notices, openNotices, suspensions] = await Promise.all([
    db.building.findUniqueOrThrow({ where: { id: data.buildingId }, select: { code: true, name: true, address: true, structureType: true, project: { select: { name: true, code: true } } } }),
    db.projectParty.findMany({ where: { projectId: subject.projectId }, select: { role: true, organization: { select: { name: true } } } }),
    db.projectMember.findMany({ where: { projectId: subject.projectId, isLeader: true, endedAt: null }, select: { role: true, user: { select: { name: true } } } }),
    lotStates(db, data.buildingId),
    db.materialReceipt.count({ where: { buildingId: data.buildingId } }),
    db.witnessSample.findMany({ where: { buildingId: data.buildingId }, select: { witnessId: true, result: { select: { passed: true } } } }),
    db.supervisionInspection.findMany({ where: { buildingId: data.buildingId }, orderBy: { inspectedOn: 'asc' }, select: { inspectedOn: true } }),
    db.rectificationNotice.findMany({ where: { buildingId: data.buildingId }, orderBy: { issuedOn: 'asc' }, select: { number: true, partyRole: true, issuedOn: true, deadline: true } }),
    openNoticeNumbers(db, data.buildingId),
    db.suspension.findMany({ where: { buildingId: data.buildingId }, orderBy: { issuedAt: 'asc' }, select: { issuer: true, issuedAt: true, resumeOrder: { select: { id: true } } } }),
  ]);
  const signer = await unlockSigner(db, actor, data.password);
  const at = new Date();
  const id = randomUUID();
  const report: SupervisionReportContent = {
    id,
    agency: { name: agency.name },
    project: building.project,
    building: { code: building.code, name: building.name, address: building.address, structureType: building.structureType },
    parties: PARTY_ROLES.map((role) => ({
      role,
      title: LEADER_TITLE[role],
      organization: parties.find((p) => p.role === role)?.organization.name ?? null,
      leader: leaders.find((l) => l.role === role)?.user.name ?? null,
    })),
    completion: {
      heldOn: isoDate(completion.heldOn),
      signers: completion.signoffs.map((s) => ({ title: signatoryTitle(s), name: (JSON.parse(s.content) as { signer: { name: string } }).signer.name, agrees: s.agrees })),
    },
    divisions: milestones
      .filter((m) => m.kind === 'DIVISION' && m.state === 'ACCEPTED')
      .map((m) => ({ code: m.divisionCode!, name: findSubdivision(`${m.divisionCode}01`)?.division.name ?? m.divisionCode!, heldOn: isoDate(m.heldOn) })),
    lots: { total: lots.length, accepted: lots.filter((l) => l.status === 'ACCEPTED').length },
    materials: { receipts, samples: samples.length, witnessed: samples.filter((s) => s.witnessId !== null).length, failed: samples.filter((s) => s.result?.passed === false).length },
    supervision: { inspections: inspections.length, firstOn: inspections[0] ? isoDate(inspections[0].inspectedOn) : null, lastOn: inspections.at(-1) ? isoDate(inspections.at(-1)!.inspectedOn) : null },
    notices: notices.map((n) => ({ number: n.number, party: PARTY_NAME[n.partyRole], issuedOn: isoDate(n.issuedOn), deadline: isoDate(n.deadline), closed: !openNotices.includes(n.number) })),
    suspensions: suspensions.map((s) => ({ issuer: s.issuer === 'INSPECTOR' ? '局部暂停施工' : '工程暂停令', issuedOn: isoDate(s.issuedAt), lifted: s.resumeOrder !== null })),
    conclusion: data.conclusion,
    inspector: { name: actor.name, title: agency.title },
    signedAt: at.toISOString(),
  };
  const { text, contentSha256 } = sealContent({ v: 1, kind: 'supervision-report', buildingId: data.buildingId, milestone: { id: completion.id, contentSha256: completion.contentSha256 }, ...report });
  const pdf = await renderSupervisionReportPdf(report, contentSha256);
  return db.$transaction(async (tx) => {
    const stored = await storeFile(tx, { bytes: pdf, mediaType: 'application/pdf', createdById: actor.userId });
    await tx.supervisionReport.create({
      data: { id, buildingId: data.buildingId, milestoneId: completion.id, conclusion: data.conclusion, content: text, contentSha256, pdfSha256: stored.sha256, inspectorId: actor.userId, agencyId: agency.id, signedAt: at, idempotencyKey: data.idempotencyKey },
    });
    await completeSignOff(tx, signer, {
      buildingId: data.buildingId,
      role: 'INSPECTOR',
      title: agency.title,
      type: 'supervision.reported',
      subject: { type: 'SupervisionReport', id },
      subjects: { supervisionReportId: id, milestoneId: completion.id },
      text,
      contentSha256,
      photoIds: [],
      at,
      data: { agency: agency.name, completedOn: report.completion.heldOn },
      files: [stored.sha256],
    });
    return { id, replayed: false };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The building's signed 监督报告 PDF, if the actor may read its milestones. */
export async function supervisionReportFile(db: DbOrTx, actor: Actor, buildingId: string) {
  if (!UUID.test(buildingId) || !(await db.building.findUnique({ where: { id: buildingId }, select: { id: true } }))) return { error: 'NOT_FOUND', status: 404 } as const;
  if (!can(actor, 'milestone.read', await buildingSubject(db, actor, buildingId))) return { error: 'FORBIDDEN', status: 403 } as const;
  const report = await db.supervisionReport.findFirst({ where: { buildingId }, select: { pdfSha256: true } });
  if (!report) return { error: 'NOT_FOUND', status: 404 } as const;
  return { bytes: await fileStore().get(report.pdfSha256), sha256: report.pdfSha256, mediaType: 'application/pdf', filename: `supervision-report-${buildingId.slice(0, 8)}.pdf` };
}
