import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { chinaDate } from '@/server/dates';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { verifyChain } from '@/server/ledger/verify';
import { fileStore } from '@/server/storage';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject, makeUser } from '@/tests/factories';
import { fieldErrors, refusal, refusedWith } from '@/tests/refusal';
import type { FileCompletionDocumentInput, OpenCompletionAcceptanceInput, OpenDivisionAcceptanceInput, SignMilestoneInput } from './schemas';

/** 分部验收, the documents before 竣工验收, 竣工验收 itself, its 备案 and the 监督报告 (acceptance-gb50300.md §4; supervision.md §5). */

type Site = Awaited<ReturnType<typeof makeSignedProject>>;
let site: Site;
let inspector: Actor;
let foreignInspector: Actor;
let technicalLead: Actor;
let qualityHead: Actor;
const as = (actor: Actor) => callerFor(db, actor);
const daysFromToday = (n: number) => chinaDate(new Date(Date.now() + n * 86_400_000));

const counts = async () => ({
  milestones: await db.milestone.count(),
  signoffs: await db.milestoneSignoff.count(),
  documents: await db.completionDocument.count(),
  filings: await db.completionFiling.count(),
  reports: await db.supervisionReport.count(),
  events: await db.ledgerEvent.count(),
});

async function staffWithPosition(s: Site, position: 'TECHNICAL_LEAD' | 'TECH_QUALITY_HEAD') {
  const user = await makeUser(db, { organizationId: s.orgs.CONSTRUCTION });
  await as(s.leaders.OWNER).parties.addStaff({ projectId: s.project.id, role: 'CONSTRUCTION', userId: user.id, title: position === 'TECHNICAL_LEAD' ? '项目技术负责人' : '公司质量部经理', position });
  return actorOf(db, user.id);
}

/** Plans a lot of the 分项 and, unless `accept` is false, has it self-checked and accepted. */
async function lot(s: Site, itemCode: string, accept = true) {
  const { id } = await as(s.qc).inspections.createLot({ buildingId: s.building.id, subdivisionCode: itemCode.slice(0, 4), itemCode, name: `${itemCode} 检验批`, location: '1 层', capacity: 20, capacityUnit: 't' });
  if (!accept) return id;
  const { id: recordId } = await as(s.qc).inspections.submit({
    lotId: id,
    items: [{ kind: 'MAIN', requirement: '主控项目', minSample: 2, sampled: 2, passed: 2 }],
    constructionBasis: '施工方案',
    acceptanceBasis: 'GB 50204-2015',
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  });
  await as(s.engineer).inspections.review({ recordId, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
  return id;
}

const openDivision = (divisionCode: OpenDivisionAcceptanceInput['divisionCode'], extra: Record<string, unknown> = {}): OpenDivisionAcceptanceInput => ({
  buildingId: site.building.id,
  divisionCode,
  heldOn: chinaDate(),
  qualityDocumentsComplete: true,
  functionalTestsConform: true,
  appearance: 'GOOD',
  opinion: '同意验收',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
}) as OpenDivisionAcceptanceInput;
const sign = (milestoneId: string, role: SignMilestoneInput['role'], position: SignMilestoneInput['position'], extra: Record<string, unknown> = {}): SignMilestoneInput => ({
  milestoneId,
  role,
  position,
  agrees: true,
  opinion: '',
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
}) as SignMilestoneInput;
const doc = (kind: FileCompletionDocumentInput['kind'], extra: Record<string, unknown> = {}): FileCompletionDocumentInput => ({
  buildingId: site.building.id,
  kind,
  summary: `${kind} 摘要`,
  issuedOn: daysFromToday(-20),
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
}) as FileCompletionDocumentInput;
const view = () => as(inspector).milestones.building({ buildingId: site.building.id });

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  foreignInspector = await actorOf(db, (await makeInspector(db, ['440300'])).id);
  technicalLead = await staffWithPosition(site, 'TECHNICAL_LEAD');
  qualityHead = await staffWithPosition(site, 'TECH_QUALITY_HEAD');
});

describe('staff posts', () => {
  test('one holder per post, and only in the 施工单位', async () => {
    const other = await makeUser(db, { organizationId: site.orgs.CONSTRUCTION });
    expect(await refusedWith(as(site.leaders.OWNER).parties.addStaff({ projectId: site.project.id, role: 'CONSTRUCTION', userId: other.id, title: '技术员', position: 'TECHNICAL_LEAD' }))).toBe('POSITION_TAKEN');
    const supervisor = await makeUser(db, { organizationId: site.orgs.SUPERVISION });
    expect(await fieldErrors(as(site.leaders.OWNER).parties.addStaff({ projectId: site.project.id, role: 'SUPERVISION', userId: supervisor.id, title: '监理员', position: 'TECHNICAL_LEAD' }))).toEqual({ position: 'validation.positionConstructionOnly' });
  });
});

describe('分部验收', () => {
  let milestoneId: string;

  test('cannot open with no lots, or with a lot not accepted; only the 总监 opens it; refusals write nothing', async () => {
    await lot(site, '020101');
    const pending = await lot(site, '020102', false);
    const before = await counts();
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('03')))).toBe('DIVISION_HAS_NO_LOTS');
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('02')))).toBe('DIVISION_NOT_READY');
    expect(await refusedWith(as(site.engineer).milestones.openDivision(openDivision('02')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).milestones.openDivision(openDivision('02')))).toBe('FORBIDDEN');
    expect(await fieldErrors(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('02', { qualityDocumentsComplete: false })))).toEqual({ qualityDocumentsComplete: 'validation.mustDeclare' });
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('02', { heldOn: daysFromToday(1) })))).toBe('DATE_IN_FUTURE');
    expect(await counts()).toEqual(before);
    // The pending lot is accepted: the 分部 is ready.
    const { id: recordId } = await as(site.qc).inspections.submit({
      lotId: pending,
      items: [{ kind: 'MAIN', requirement: '主控项目', minSample: 2, sampled: 2, passed: 2 }],
      constructionBasis: '施工方案',
      acceptanceBasis: 'GB 50204-2015',
      password: FACTORY_PASSWORD,
      idempotencyKey: randomUUID(),
    });
    await as(site.engineer).inspections.review({ recordId, decision: 'ACCEPTED', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect((await view()).divisions.find((d) => d.code === '02')).toMatchObject({ lots: { total: 2, complete: 2 }, ready: true, current: null });
  });

  test('the 总监 opens 主体结构; the page lists the five required posts, who holds each and who is still missing', async () => {
    const input = openDivision('02');
    ({ id: milestoneId } = await as(site.leaders.SUPERVISION).milestones.openDivision(input));
    expect(await as(site.leaders.SUPERVISION).milestones.openDivision(input)).toEqual({ id: milestoneId, replayed: true });
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('02')))).toBe('MILESTONE_ALREADY_OPEN');
    const division = (await view()).divisions.find((d) => d.code === '02')!;
    expect(division.current!.state).toBe('OPEN');
    expect(division.current!.signatories.map((s) => [s.title, s.holders.length, s.signoff?.agrees ?? null])).toEqual([
      ['总监理工程师', 1, true],
      ['施工单位项目经理', 1, null],
      ['项目技术负责人', 1, null],
      ['设计单位项目负责人', 1, null],
      ['技术、质量部门负责人', 1, null],
    ]);
    // Each signer sees only their own post as theirs to sign.
    const mine = (await as(technicalLead).milestones.building({ buildingId: site.building.id })).divisions.find((d) => d.code === '02')!.current!.signatories.filter((s) => s.mine);
    expect(mine.map((s) => s.position)).toEqual(['TECHNICAL_LEAD']);
  });

  test('a signature only in a seat holding the post, once; refusals write nothing', async () => {
    const before = await counts();
    expect(await refusedWith(as(site.qc).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECHNICAL_LEAD')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(technicalLead).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECH_QUALITY_HEAD')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.SURVEY).milestones.sign(sign(milestoneId, 'SURVEY', 'LEADER')))).toBe('NOT_A_SIGNATORY');
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.sign(sign(milestoneId, 'SUPERVISION', 'LEADER')))).toBe('MILESTONE_ALREADY_SIGNED');
    expect(await refusedWith(as(inspector).milestones.sign(sign(milestoneId, 'SUPERVISION', 'LEADER')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(technicalLead).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECHNICAL_LEAD', { password: 'wrong password' })))).toBe('WRONG_PASSWORD');
    expect(await fieldErrors(as(technicalLead).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECHNICAL_LEAD', { agrees: false })))).toEqual({ opinion: 'validation.rejectionReasons' });
    expect(await counts()).toEqual(before);
  });

  test('accepted when the last required signer agrees, and not before; the ledger has each step', async () => {
    await as(site.leaders.CONSTRUCTION).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'LEADER'));
    await as(technicalLead).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECHNICAL_LEAD'));
    await as(site.leaders.DESIGN).milestones.sign(sign(milestoneId, 'DESIGN', 'LEADER', { opinion: '符合设计要求' }));
    let division = (await view()).divisions.find((d) => d.code === '02')!;
    expect(division.current!.state).toBe('OPEN');
    expect(division.current!.signatories.filter((s) => !s.signoff).map((s) => s.title)).toEqual(['技术、质量部门负责人']);
    await as(qualityHead).milestones.sign(sign(milestoneId, 'CONSTRUCTION', 'TECH_QUALITY_HEAD'));
    division = (await view()).divisions.find((d) => d.code === '02')!;
    expect(division.current!.state).toBe('ACCEPTED');
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('02')))).toBe('MILESTONE_ALREADY_ACCEPTED');
    const types = (await db.ledgerEvent.findMany({ where: { buildingId: site.building.id, type: { startsWith: 'milestone.' } }, orderBy: { seq: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['milestone.opened', 'milestone.signed', 'milestone.signed', 'milestone.signed', 'milestone.signed', 'milestone.signed', 'milestone.accepted']);
    expect(await db.signature.count({ where: { subjectType: 'MilestoneSignoff', buildingId: site.building.id } })).toBe(5);
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });

  test('one who does not agree refuses it; a new one is opened after; a suspension of the 分部 stops both', async () => {
    await lot(site, '010501');
    const { id } = await as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('01'));
    await as(site.leaders.SURVEY).milestones.sign(sign(id, 'SURVEY', 'LEADER', { agrees: false, opinion: '持力层与勘察报告不符，须补充检测' }));
    expect(await refusedWith(as(site.leaders.DESIGN).milestones.sign(sign(id, 'DESIGN', 'LEADER')))).toBe('MILESTONE_REFUSED');
    const division = (await view()).divisions.find((d) => d.code === '01')!;
    expect(division.current).toBeNull();
    expect(division.refused).toHaveLength(1);
    const { id: suspensionId } = await as(inspector).suspensions.order({ buildingId: site.building.id, issuer: 'INSPECTOR', scopeCodes: ['0105'], reason: '土方回填压实度不足', basis: '条例 第四十八条', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect(await refusal(as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('01')))).toMatchObject({ domain: 'WORK_SUSPENDED' });
    await as(inspector).suspensions.resume({ suspensionId, findings: '复查合格', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    const { id: again } = await as(site.leaders.SUPERVISION).milestones.openDivision(openDivision('01'));
    for (const [actor, role, position] of [
      [site.leaders.CONSTRUCTION, 'CONSTRUCTION', 'LEADER'],
      [technicalLead, 'CONSTRUCTION', 'TECHNICAL_LEAD'],
      [site.leaders.SURVEY, 'SURVEY', 'LEADER'],
      [site.leaders.DESIGN, 'DESIGN', 'LEADER'],
      [qualityHead, 'CONSTRUCTION', 'TECH_QUALITY_HEAD'],
    ] as const) {
      await as(actor).milestones.sign(sign(again, role, position));
    }
    expect((await view()).divisions.find((d) => d.code === '01')!.current!.state).toBe('ACCEPTED');
  });

  test('the database refuses to change or delete a milestone or a sign-off', async () => {
    const milestone = await db.milestone.findFirstOrThrow({ where: { buildingId: site.building.id } });
    await expect(db.milestone.update({ where: { id: milestone.id }, data: { heldOn: new Date('2020-01-01') } })).rejects.toThrow();
    await expect(db.milestoneSignoff.deleteMany({ where: { milestoneId: milestone.id } })).rejects.toThrow();
  });
});

describe('竣工验收', () => {
  const heldOn = daysFromToday(-3);
  const openCompletion = (extra: Record<string, unknown> = {}): OpenCompletionAcceptanceInput => ({
    buildingId: site.building.id,
    heldOn,
    designAndContractDone: true,
    paymentSettled: true,
    householdAcceptance: 'NOT_HOUSING',
    otherConditions: true,
    opinion: '同意竣工验收',
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
    ...extra,
  }) as OpenCompletionAcceptanceInput;;

  test('the page names every unmet precondition and opening is refused with them', async () => {
    const preconditions = (await view()).completion.preconditions!;
    expect(preconditions.filter((p) => !p.met).map((p) => p.code)).toEqual(['C2', 'C3', 'C4', 'C8', 'NOTICE']);
    expect(await refusal(as(site.leaders.OWNER).milestones.openCompletion(openCompletion()))).toMatchObject({ domain: 'COMPLETION_PRECONDITIONS_UNMET' });
  });

  test('documents come from their party leader, in order; a notice less than 7 working days ahead is refused', async () => {
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.fileDocument(doc('QUALITY_ASSESSMENT')))).toBe('CONSTRUCTION_REPORT_MISSING');
    expect(await refusedWith(as(site.qc).milestones.fileDocument(doc('CONSTRUCTION_REPORT')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.OWNER).milestones.fileDocument(doc('CONSTRUCTION_REPORT')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.OWNER).milestones.fileDocument(doc('ACCEPTANCE_NOTICE', { issuedOn: daysFromToday(-5), plannedOn: heldOn })))).toBe('NOTICE_TOO_LATE');
    expect(await fieldErrors(as(site.leaders.OWNER).milestones.fileDocument(doc('ACCEPTANCE_NOTICE')))).toEqual({ plannedOn: 'validation.plannedOnRequired' });
    await as(site.leaders.CONSTRUCTION).milestones.fileDocument(doc('CONSTRUCTION_REPORT', { summary: '自检合格' }));
    // A correction replaces it and points at it.
    const { id: corrected } = await as(site.leaders.CONSTRUCTION).milestones.fileDocument(doc('CONSTRUCTION_REPORT', { summary: '自检合格（补充附件）' }));
    expect((await db.completionDocument.findUniqueOrThrow({ where: { id: corrected } })).supersedesId).not.toBeNull();
    await as(site.leaders.SUPERVISION).milestones.fileDocument(doc('QUALITY_ASSESSMENT'));
    await as(site.leaders.SURVEY).milestones.fileDocument(doc('SURVEY_CHECK'));
    await as(site.leaders.DESIGN).milestones.fileDocument(doc('DESIGN_CHECK'));
    await as(site.leaders.CONSTRUCTION).milestones.fileDocument(doc('WARRANTY_CERTIFICATE'));
    await as(site.leaders.OWNER).milestones.fileDocument(doc('ACCEPTANCE_NOTICE', { plannedOn: heldOn }));
    const page = await view();
    expect(page.completion.preconditions!.filter((p) => !p.met)).toEqual([]);
    expect(page.completion.documents.find((d) => d.kind === 'CONSTRUCTION_REPORT')!.current).toMatchObject({ summary: '自检合格（补充附件）', corrected: true });
  });

  test('an open 整改通知单 blocks it (C10), named in the refusal', async () => {
    const { id: noticeId, number } = await as(inspector).notices.issue({
      buildingId: site.building.id,
      partyRole: 'OWNER',
      basis: '条例 第四十八条',
      issuedOn: chinaDate(),
      deadline: daysFromToday(7),
      items: [{ finding: '竣工资料不全', basis: '条例 第十六条', requiredAction: '补齐资料' }],
      password: FACTORY_PASSWORD,
      idempotencyKey: randomUUID(),
    });
    expect((await view()).completion.preconditions!.find((p) => p.code === 'C10')).toEqual({ code: 'C10', met: false, detail: number });
    const refused = await refusal(as(site.leaders.OWNER).milestones.openCompletion(openCompletion()));
    expect(refused.domain).toBe('COMPLETION_PRECONDITIONS_UNMET');
    // Answered with a new photo and verified: the notice closes.
    const item = await db.rectificationItem.findFirstOrThrow({ where: { noticeId } });
    const photoId = (await uploadPhoto(db, site.leaders.OWNER, { buildingId: site.building.id, bytes: await samplePhoto(1) })).id;
    const { id: responseId } = await as(site.leaders.OWNER).notices.respond({ itemId: item.id, actionTaken: '已补齐', photoIds: [photoId], password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    await as(inspector).notices.verify({ responseId, decision: 'VERIFIED', reason: '', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect((await view()).completion.preconditions!.find((p) => p.code === 'C10')!.met).toBe(true);
  });

  let completionId: string;
  test('the 建设单位项目负责人 organizes it; the five 项目负责人 sign; the last signature dates the building', async () => {
    expect(await refusedWith(as(site.leaders.SUPERVISION).milestones.openCompletion(openCompletion()))).toBe('FORBIDDEN');
    expect(await refusal(as(site.leaders.OWNER).milestones.openCompletion(openCompletion({ heldOn: daysFromToday(-2) })))).toMatchObject({ domain: 'COMPLETION_PRECONDITIONS_UNMET' });
    ({ id: completionId } = await as(site.leaders.OWNER).milestones.openCompletion(openCompletion()));
    expect(await refusedWith(as(site.leaders.OWNER).milestones.recordFiling({ buildingId: site.building.id, filedOn: chinaDate(), authority: '福州市住建局', filingNumber: 'BA-1', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toBe('COMPLETION_NOT_ACCEPTED');
    for (const role of ['SUPERVISION', 'CONSTRUCTION', 'DESIGN'] as const) await as(site.leaders[role]).milestones.sign(sign(completionId, role, 'LEADER'));
    expect((await db.building.findUniqueOrThrow({ where: { id: site.building.id } })).completedOn).toBeNull();
    await as(site.leaders.SURVEY).milestones.sign(sign(completionId, 'SURVEY', 'LEADER'));
    expect((await db.building.findUniqueOrThrow({ where: { id: site.building.id } })).completedOn?.toISOString().slice(0, 10)).toBe(heldOn);
    const page = await view();
    expect(page.completion.current!.state).toBe('ACCEPTED');
    expect(page.building.completedOn).toBe(heldOn);
    expect(page.filing).toMatchObject({ done: false, dueOn: daysFromToday(12), overdueDays: 0, record: null });
    expect(page.report).toMatchObject({ dueOn: daysFromToday(2), done: false, canIssue: true });
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).milestones.fileDocument(doc('WARRANTY_CERTIFICATE')))).toBe('MILESTONE_ALREADY_ACCEPTED');
  });

  test('备案: by the 建设单位项目负责人, once, not dated before the acceptance', async () => {
    const filing = (extra: Record<string, unknown> = {}) => ({ buildingId: site.building.id, filedOn: chinaDate(), authority: '福州市城乡建设局', filingNumber: '榕建竣备-2026-0001', password: FACTORY_PASSWORD, idempotencyKey: randomUUID(), ...extra });
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).milestones.recordFiling(filing()))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.OWNER).milestones.recordFiling(filing({ filedOn: daysFromToday(-4) })))).toBe('FILED_BEFORE_COMPLETION');
    await as(site.leaders.OWNER).milestones.recordFiling(filing());
    expect(await refusedWith(as(site.leaders.OWNER).milestones.recordFiling(filing()))).toBe('ALREADY_FILED');
    expect((await view()).filing).toMatchObject({ done: true, late: false, record: { filingNumber: '榕建竣备-2026-0001' } });
  });

  test('工程质量监督报告: generated from the records, signed by the inspector of the region, once', async () => {
    expect(await refusedWith(as(foreignInspector).supervision.issueReport({ buildingId: site.building.id, conclusion: '—', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.OWNER).supervision.issueReport({ buildingId: site.building.id, conclusion: '—', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toBe('FORBIDDEN');
    await as(inspector).supervision.issueReport({ buildingId: site.building.id, conclusion: '该工程竣工验收组织形式、程序符合规定，同意备案。', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
    expect(await refusedWith(as(inspector).supervision.issueReport({ buildingId: site.building.id, conclusion: '再次', password: FACTORY_PASSWORD, idempotencyKey: randomUUID() }))).toBe('SUPERVISION_REPORT_ALREADY_ISSUED');
    const report = (await view()).report!;
    expect(report).toMatchObject({ done: true, record: { conclusion: '该工程竣工验收组织形式、程序符合规定，同意备案。' } });
    const pdf = await fileStore().get(report.record!.pdfSha256);
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    for (const part of ['建设工程质量监督报告', '主体结构', '地基与基础', '整改-', '已闭合', '同意备案', heldOn]) expect(text).toContain(part);
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });
});
