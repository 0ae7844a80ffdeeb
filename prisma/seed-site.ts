/**
 * Demo site records of 1#住宅楼, written through the same services as the app (signed with the
 * demo password): 检验批 in every state, 隐蔽工程 accepted and refused, a countersigned 旁站,
 * materials received and approved or waiting, and samples witnessed by the 监理 and by the
 * 建设单位, unwitnessed, passed, failed and awaiting the lab; a 监督检查 by the 质监站, and two 整改通知单
 * to the 施工单位: one overdue, one closed after an item was returned and answered again.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import type { Db } from '@/server/db/client';
import { createPdfDocument, PDF_FONT, pdfToBuffer } from '@/server/documents/pdf';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { createLot, reviewRecord, submitRecord } from '@/server/inspections/service';
import { confirmSideStation, recordConcealedWork, recordSideStation, reviewConcealedWork } from '@/server/inspections/site-records';
import { approveReceipt, recordReceipt, recordResult, recordSample } from '@/server/materials/service';
import { fileCompletionDocument, openCompletionAcceptance, openDivisionAcceptance, signMilestone } from '@/server/milestones/service';
import { storeFile } from '@/server/storage';
import { issueNotice, respondNoticeItem, verifyNoticeResponse } from '@/server/notices/service';
import { chinaDate } from '@/server/dates';
import { recordSupervisionInspection } from '@/server/supervision/service';
import { orderSuspension, resumeWork } from '@/server/suspensions/service';

const LAB = '福州市建筑工程质量检测中心（演示）';

/** A one-page PDF standing in for a paper document (a scan, a certificate, a lab report). */
export async function demoPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = createPdfDocument({ title, createdAt: new Date('2026-03-01T00:00:00Z') });
  doc.font(PDF_FONT.bold).fontSize(18).text(title, { align: 'center' });
  doc.moveDown().font(PDF_FONT.regular).fontSize(12);
  for (const line of lines) doc.text(line);
  return pdfToBuffer(doc);
}

export async function seedSiteRecords(db: Db, buildingId: string, people: { qc: Actor; contractor: Actor; engineer: Actor; owner: Actor; inspector: Actor }, password: string) {
  const { qc, contractor, engineer, owner, inspector } = people;
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
  let photoSeed = 100;
  const photo = async (by: Actor, label?: string) =>
    (await uploadPhoto(db, by, { buildingId, bytes: await samplePhoto(photoSeed++, { takenAt: hoursAgo(2), label }), deviceTakenAt: hoursAgo(2) })).id;
  const pdf = async (by: Actor, title: string, lines: string[]) =>
    (await storeFile(db, { bytes: await demoPdf(title, [...lines, '（演示数据）']), mediaType: 'application/pdf', createdById: by.userId })).sha256;

  const plan = (subdivisionCode: string, itemCode: string, name: string, location: string, capacity: number, capacityUnit: string, predecessorIds: string[] = []) =>
    createLot(db, qc, { buildingId, subdivisionCode, itemCode, name, location, capacity, capacityUnit, predecessorIds }).then((l) => l.id);
  const submit = async (lotId: string, requirement: string, extra: { passedGeneral?: number } = {}) =>
    submitRecord(db, qc, {
      lotId,
      items: [
        { kind: 'MAIN', requirement, minSample: 5, sampled: 5, passed: 5 },
        { kind: 'GENERAL', requirement: '允许偏差（mm）', minSample: 5, sampled: 10, passed: extra.passedGeneral ?? 9, measured: [2, -3, 5, 1, 4, -2, 6, 3, 0, 8] },
      ],
      constructionBasis: '施工组织设计及专项施工方案',
      acceptanceBasis: '现行专业验收规范',
      photoIds: [await photo(qc)],
      password,
      idempotencyKey: randomUUID(),
    });
  const review = (recordId: string, decision: 'ACCEPTED' | 'REJECTED', reasons?: string) =>
    reviewRecord(db, engineer, { recordId, decision, reasons, password, idempotencyKey: randomUUID() });
  /** 隐蔽工程: the contractor records (and so notifies), the 监理 accepts or refuses, each with a photo. */
  const conceal = async (lotId: string, location: string, description: string, decision: 'ACCEPTED' | 'REJECTED', reasons?: string) => {
    const work = await recordConcealedWork(db, qc, {
      lotId,
      location,
      description,
      references: '结施-03、结施-07；钢筋进场复验报告',
      plannedCoverAt: hoursAgo(-20).toISOString(),
      photoIds: [await photo(qc, `${location} 钢筋隐蔽验收`)],
      password,
      idempotencyKey: randomUUID(),
    });
    await reviewConcealedWork(db, engineer, { concealedWorkId: work.id, decision, reasons, photoIds: [await photo(engineer, `${location} 隐蔽验收复核`)], password });
  };

  // 地基与基础 → 主体结构, in process order.
  const excavation = await plan('0105', '010501', '基坑土方开挖', '1–12/A–F 轴', 8600, 'm³');
  await review((await submit(excavation, '基底土性应符合设计要求')).id, 'ACCEPTED');
  const raft = await plan('0102', '010203', '筏板基础钢筋', '1–12/A–F 轴', 86, 't', [excavation]);
  await review((await submit(raft, '受力钢筋的品种、级别、规格和数量')).id, 'ACCEPTED');
  await conceal(raft, '筏板基础 1–12/A–F 轴', '筏板上下层钢筋 HRB400E Φ25@150 双向，马凳 Φ20@1000，保护层 50 mm，后浇带止水钢板已就位。', 'ACCEPTED');
  const rebar1 = await plan('0201', '020102', '1F 柱墙钢筋', '1 层 1–12 轴', 42, 't', [raft]);
  const rejected = await submit(rebar1, '受力钢筋的品种、级别、规格和数量');
  await review(rejected.id, 'REJECTED', '柱箍筋加密区间距超出允许偏差，整改后重新报验');
  await review((await submit(rebar1, '受力钢筋的品种、级别、规格和数量')).id, 'ACCEPTED');
  await conceal(rebar1, '1 层柱墙 1–12 轴', '柱纵筋 HRB400E Φ22 直螺纹连接，箍筋加密区 Φ10@100，剪力墙分布筋 Φ12@200 双层双向。', 'ACCEPTED');
  const stairs = await plan('0201', '020102', '1F 楼梯钢筋', '1 层 1#、2# 楼梯', 3, 't', [raft]);
  await review((await submit(stairs, '受力钢筋的品种、级别、规格和数量')).id, 'REJECTED', '楼梯踏步板负筋保护层偏大，调整后重新报验');
  await conceal(stairs, '1 层 1#、2# 楼梯', '梯板受力筋 Φ12@150，分布筋 Φ8@200。', 'REJECTED', '负筋保护层 35 mm，超出设计 20 mm 的允许偏差，调整后重新报验');
  const concrete1 = await plan('0201', '020103', '1F 柱墙混凝土', '1 层 1–12 轴', 310, 'm³', [rebar1]);
  const pour = await recordSideStation(db, engineer, {
    lotId: concrete1,
    process: '柱墙混凝土浇筑（C35）',
    location: '1 层 1–12 轴',
    startedAt: hoursAgo(30).toISOString(),
    endedAt: hoursAgo(24).toISOString(),
    observations: '商品混凝土 C35，坍落度抽测 180 mm、185 mm；分层浇筑、振捣密实；现场留置标养试块 3 组、同条件试块 2 组。',
    problems: '8 轴墙体局部振捣不足。',
    actions: '已要求补振，复查合格。',
    photoIds: [await photo(engineer, '1F 柱墙混凝土浇筑旁站')],
    password,
    idempotencyKey: randomUUID(),
  });
  await confirmSideStation(db, qc, { recordId: pour.id, password });
  await submit(concrete1, '混凝土强度等级符合设计要求');
  const formwork2 = await plan('0201', '020101', '2F 梁板模板', '2 层 1–12 轴', 45, '件', [concrete1]);
  await plan('0201', '020102', '2F 梁板钢筋', '2 层 1–12 轴', 38, 't', [formwork2]);
  await plan('0202', '020205', '1F 填充墙砌体', '1 层', 120, 'm³');

  // Materials: rebar received with its 质量证明书 and approved; cement waiting for the 监理.
  const rebar = await recordReceipt(db, qc, {
    buildingId,
    kind: 'REBAR',
    name: '热轧带肋钢筋 HRB400E',
    specification: 'Φ12–Φ25',
    batchNo: 'SG-2026-03-1187',
    quantity: 86.4,
    unit: 't',
    supplier: '福建三钢闽光股份有限公司',
    receivedOn: '2026-03-10',
    certificates: [await pdf(qc, '钢筋产品质量证明书', ['产品：热轧带肋钢筋 HRB400E', '炉批号：SG-2026-03-1187', '规格：Φ12–Φ25，86.4 t'])],
    password,
    idempotencyKey: randomUUID(),
  });
  await approveReceipt(db, engineer, { receiptId: rebar.id, decision: 'ACCEPTED', password });
  await recordReceipt(db, qc, {
    buildingId,
    kind: 'CEMENT',
    name: '普通硅酸盐水泥 P·O 42.5',
    specification: '袋装 50 kg',
    batchNo: 'HN-2026-0412',
    quantity: 40,
    unit: 't',
    supplier: '福建红火水泥有限公司',
    receivedOn: '2026-04-12',
    certificates: [await pdf(qc, '水泥出厂检验报告', ['品种：P·O 42.5', '编号：HN-2026-0412'])],
    password,
    idempotencyKey: randomUUID(),
  });

  // Samples: witnessed by the 监理 and by the 建设单位, one unwitnessed; results passed, failed, awaited.
  const sample = (witness: Actor, kind: 'REBAR' | 'CONCRETE_SPECIMEN' | 'MORTAR_SPECIMEN', sampleNo: string, location: string, receiptId?: string) =>
    recordSample(db, witness, {
      buildingId,
      receiptId,
      kind,
      sampleNo,
      location,
      sampledAt: hoursAgo(72).toISOString(),
      samplerId: witness.userId === qc.userId ? undefined : qc.userId,
      lab: LAB,
      password,
      idempotencyKey: randomUUID(),
    });
  const result = async (sampleId: string, reportNo: string, passed: boolean) =>
    recordResult(db, engineer, {
      sampleId,
      reportNo,
      reportSha256: await pdf(engineer, '检测报告', [`报告编号：${reportNo}`, `检测结论：${passed ? '合格' : '不合格'}`]),
      passed,
      reportedOn: '2026-04-20',
      password,
    });
  await result((await sample(engineer, 'REBAR', 'GJ-2026-001', '钢筋加工场', rebar.id)).id, 'JC-2026-GJ-0087', true);
  await result((await sample(engineer, 'CONCRETE_SPECIMEN', 'TK-2026-001', '筏板基础 1–12/A–F 轴')).id, 'JC-2026-TK-0142', true);
  await sample(owner, 'CONCRETE_SPECIMEN', 'TK-2026-002', '1 层柱墙 1–12 轴');
  await result((await sample(qc, 'CONCRETE_SPECIMEN', 'TK-2026-003', '1 层柱墙 1–12 轴')).id, 'JC-2026-TK-0150', true);
  await result((await sample(qc, 'MORTAR_SPECIMEN', 'SJ-2026-001', '1 层填充墙')).id, 'JC-2026-SJ-0031', false);

  // The 质监站's first 监督检查 of the main structure, with the leaders of 施工 and 监理 present.
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { projectId: true } });
  const leaders = await db.projectMember.findMany({ where: { projectId: building.projectId, isLeader: true, endedAt: null, role: { in: ['CONSTRUCTION', 'SUPERVISION'] } } });
  await recordSupervisionInspection(db, inspector, {
    buildingId,
    inspectedOn: hoursAgo(20).toISOString().slice(0, 10),
    scopes: ['ENTITY_QUALITY', 'CONDUCT', 'MATERIALS'],
    presentMemberIds: leaders.map((m) => m.id),
    othersPresent: '',
    findings: '抽查 1 层柱墙钢筋隐蔽验收记录及旁站记录，齐全；抽测 1 层柱混凝土回弹 6 处，符合设计强度；砌筑砂浆试块 SJ-2026-001 检测不合格，要求查明原因、提出处理方案。',
    outcome: 'CORRECTED_ON_SITE',
    photoIds: [await photo(inspector, '1F 柱混凝土回弹抽测')],
    password,
    idempotencyKey: randomUUID(),
  });

  // The failed mortar stopped the 砌体 work until the 质监站 re-checked it: a lifted 局部暂停施工
  // (no active one: the demo's other journeys record on 1#).
  const { id: suspensionId } = await orderSuspension(db, inspector, {
    buildingId,
    issuer: 'INSPECTOR',
    scopeCodes: ['0202'],
    reason: '1 层填充墙砌筑砂浆试块 SJ-2026-001 强度不合格，未查明原因前继续砌筑。',
    basis: '《建设工程质量管理条例》第四十八条；GB 50203-2011 第 4.0.12 条',
    password,
    idempotencyKey: randomUUID(),
  });
  await resumeWork(db, inspector, {
    suspensionId,
    findings: '已查明砂浆配合比计量失误，问题墙体经实体检测评定，后续砂浆经见证取样复验合格；复查同意复工。',
    password,
    idempotencyKey: randomUUID(),
  });

  // 整改通知单 to the 施工单位 (supervision.md §3): one closed after a return, one past its deadline.
  const daysAgo = (d: number) => new Date(Date.parse(chinaDate()) - d * 86_400_000).toISOString().slice(0, 10);
  const notice = (items: { finding: string; basis: string; requiredAction: string; lotIds?: string[]; receiptIds?: string[] }[], issuedOn: string, deadline: string) =>
    issueNotice(db, inspector, { buildingId, partyRole: 'CONSTRUCTION', basis: '《建设工程质量管理条例》第四十八条', issuedOn, deadline, items, password, idempotencyKey: randomUUID() });
  const itemsOf = async (noticeId: string) => db.rectificationItem.findMany({ where: { noticeId }, orderBy: { position: 'asc' } });
  const answer = async (itemId: string, actionTaken: string, label: string) =>
    (await respondNoticeItem(db, contractor, { itemId, actionTaken, photoIds: [await photo(contractor, label)], password, idempotencyKey: randomUUID() })).id;
  const check = (responseId: string, decision: 'VERIFIED' | 'RETURNED', reason = '') => verifyNoticeResponse(db, inspector, { responseId, decision, reason, password, idempotencyKey: randomUUID() });

  const closed = await notice(
    [
      { finding: '1 层楼梯踏步板负筋保护层 35 mm，超出设计允许偏差', basis: 'GB 50204-2015 第 5.5.3 条', requiredAction: '调整负筋位置，监理复查合格后回复', lotIds: [stairs] },
      { finding: '钢筋加工场原材料未分规格挂牌标识', basis: 'GB 50204-2015 第 5.2.1 条', requiredAction: '按规格、炉批号挂牌标识', receiptIds: [rebar.id] },
    ],
    daysAgo(12),
    daysAgo(5),
  );
  const [stairItem, tagItem] = await itemsOf(closed.id);
  await check(await answer(stairItem!.id, '负筋已按设计调整，保护层实测 18–22 mm，监理复查合格', '1F 楼梯负筋整改后'), 'VERIFIED');
  await check(await answer(tagItem!.id, '已挂牌', '钢筋标识牌'), 'RETURNED', '标识牌未注明炉批号，请补充');
  await check(await answer(tagItem!.id, '标识牌已补注炉批号 SG-2026-03-1187 及检验状态', '钢筋标识牌（补充炉批号）'), 'VERIFIED');

  await notice(
    [{ finding: '砌筑砂浆试块 SJ-2026-001 检测不合格', basis: 'GB 50203-2011 第 4.0.12 条', requiredAction: '查明原因，对 1 层填充墙砌体进行实体检测并提出处理方案' }],
    daysAgo(10),
    daysAgo(3),
  );
}

/** The people who sign a building to completion: the five 项目负责人, the 施工单位's two posts, its 质检员 and a 专业监理工程师. */
export interface CompletionPeople {
  leaders: Record<'OWNER' | 'SURVEY' | 'DESIGN' | 'CONSTRUCTION' | 'SUPERVISION', Actor>;
  technicalLead: Actor;
  qualityHead: Actor;
  qc: Actor;
  engineer: Actor;
}

/**
 * A building taken through 竣工验收 (acceptance-gb50300.md §4; supervision.md §5) through the
 * services: its lots accepted (the bathrooms' waterproofing with its 隐蔽工程), 地基与基础, 主体结构 and
 * 建筑装饰装修 accepted by their signatories, the documents
 * before 竣工验收 (the notice delivered 7 working days ahead), and the 竣工验收 held `daysAgo` days
 * ago and signed by the five 项目负责人. The 备案 is left to do, so its deadline shows.
 */
export async function seedCompletedBuilding(db: Db, buildingId: string, people: CompletionPeople, password: string, daysAgo: number) {
  const { leaders, technicalLead, qualityHead, qc, engineer } = people;
  const day = (d: number) => new Date(Date.parse(chinaDate()) - d * 86_400_000).toISOString().slice(0, 10);
  const heldOn = day(daysAgo);
  let photoSeed = 4200;
  const photo = async (by: Actor, label: string) => (await uploadPhoto(db, by, { buildingId, bytes: await samplePhoto(photoSeed++, { takenAt: new Date(), label }) })).id;
  /** A lot self-checked with a photo and accepted; with its 隐蔽工程 accepted first when it is covered work. */
  const accept = async (subdivisionCode: string, item: { itemCode: string } | { itemName: string }, name: string, concealed?: { location: string; description: string }) => {
    const { id: lotId } = await createLot(db, qc, { buildingId, subdivisionCode, ...item, name, location: '全楼', capacity: 10, capacityUnit: '批' });
    if (concealed) {
      const work = await recordConcealedWork(db, qc, { lotId, ...concealed, references: '建施-12；防水材料进场复验报告', photoIds: [await photo(qc, `${name} 隐蔽前`)], password, idempotencyKey: randomUUID() });
      await reviewConcealedWork(db, engineer, { concealedWorkId: work.id, decision: 'ACCEPTED', photoIds: [await photo(engineer, `${name} 隐蔽验收`)], password });
    }
    const { id: recordId } = await submitRecord(db, qc, {
      lotId,
      items: [{ kind: 'MAIN', requirement: '主控项目符合设计和规范要求', minSample: 5, sampled: 5, passed: 5 }],
      constructionBasis: '施工组织设计及专项施工方案',
      acceptanceBasis: '现行专业验收规范',
      photoIds: [await photo(qc, name)],
      password,
      idempotencyKey: randomUUID(),
    });
    await reviewRecord(db, engineer, { recordId, decision: 'ACCEPTED', password, idempotencyKey: randomUUID() });
  };
  await accept('0105', { itemCode: '010501' }, '基坑土方开挖');
  await accept('0201', { itemCode: '020103' }, '主体结构混凝土');
  // 厕浴间防水隔离层 (GB 50209, 建筑地面): the evidence a leaking-bathroom claim points at.
  await accept('0301', { itemName: '防水隔离层' }, '厕浴间防水隔离层', { location: '各户卫生间', description: '聚氨酯防水涂料两遍，厚 1.5 mm，墙面上翻 300 mm，闭水试验 24 小时无渗漏。' });

  const signatories = { SUPERVISION: leaders.SUPERVISION, CONSTRUCTION: leaders.CONSTRUCTION, SURVEY: leaders.SURVEY, DESIGN: leaders.DESIGN, OWNER: leaders.OWNER };
  const signAll = async (milestoneId: string) => {
    const milestone = await db.milestone.findUniqueOrThrow({ where: { id: milestoneId } });
    for (const s of (milestone.required as { role: keyof typeof signatories; position: 'LEADER' | 'TECHNICAL_LEAD' | 'TECH_QUALITY_HEAD' }[]).slice(1)) {
      const actor = s.position === 'TECHNICAL_LEAD' ? technicalLead : s.position === 'TECH_QUALITY_HEAD' ? qualityHead : signatories[s.role];
      await signMilestone(db, actor, { milestoneId, role: s.role, position: s.position, agrees: true, opinion: '同意验收', password, idempotencyKey: randomUUID() });
    }
  };
  for (const divisionCode of ['01', '02', '03'] as const) {
    const { id } = await openDivisionAcceptance(db, leaders.SUPERVISION, {
      buildingId,
      divisionCode,
      heldOn: day(daysAgo + 20),
      qualityDocumentsComplete: true,
      functionalTestsConform: true,
      appearance: 'GOOD',
      opinion: '分部工程质量符合设计和规范要求，同意验收',
      password,
      idempotencyKey: randomUUID(),
    });
    await signAll(id);
  }

  const documents = [
    ['CONSTRUCTION_REPORT', leaders.CONSTRUCTION, '工程已完成设计和合同约定的全部内容，施工单位自检合格，申请竣工验收。'],
    ['QUALITY_ASSESSMENT', leaders.SUPERVISION, '竣工预验收发现的问题已整改完毕；工程质量评估为合格。'],
    ['SURVEY_CHECK', leaders.SURVEY, '地基持力层与勘察报告相符，勘察文件执行情况良好。'],
    ['DESIGN_CHECK', leaders.DESIGN, '工程按设计文件及 3 份设计变更施工，符合设计要求。'],
    ['WARRANTY_CERTIFICATE', leaders.CONSTRUCTION, '按《建设工程质量管理条例》第四十条约定保修范围与最低保修期限。'],
  ] as const;
  for (const [kind, actor, summary] of documents) {
    await fileCompletionDocument(db, actor, { buildingId, kind, summary, issuedOn: day(daysAgo + 16), password, idempotencyKey: randomUUID() });
  }
  await fileCompletionDocument(db, leaders.OWNER, {
    buildingId,
    kind: 'ACCEPTANCE_NOTICE',
    summary: '验收地点：项目部会议室；验收组：建设、勘察、设计、施工、监理五方项目负责人。',
    issuedOn: day(daysAgo + 14),
    plannedOn: heldOn,
    password,
    idempotencyKey: randomUUID(),
  });
  const { id: completionId } = await openCompletionAcceptance(db, leaders.OWNER, {
    buildingId,
    heldOn,
    designAndContractDone: true,
    paymentSettled: true,
    householdAcceptance: 'PASSED',
    otherConditions: true,
    opinion: '工程质量符合设计和规范要求，同意竣工验收',
    password,
    idempotencyKey: randomUUID(),
  });
  await signAll(completionId);
}
