import QRCode from 'qrcode';
import { LEADER_TITLE, PARTY_ROLES, type PartyRole } from '@/server/authz/roles';
import type { DbOrTx } from '@/server/db/client';
import { chinaDate } from '@/server/dates';
import { createPdfDocument, decoratePages, PAGE_MARGIN, PDF_FONT, pdfToBuffer } from '@/server/documents/pdf';
import { CATALOG, findItem, findSubdivision } from '@/server/inspections/catalog';
import { MATERIAL_KINDS, type MaterialKind } from '@/server/materials/kinds';
import { readMilestones } from '@/server/milestones/facts';
import { itemState, noticeState } from '@/server/notices/state';
import { BUILDING_FACTS_SELECT, buildingFacts, dateOnly } from '@/server/projects/building-facts';
import { claimState } from '@/server/warranty/claim-state';
import { warrantyTerms } from '@/server/warranty/terms';
import { readHandovers } from './handover';

/**
 * report.pdf: the human-readable archive of a building (Chinese), the document a 城建档案馆
 * files: the 永久性标牌 data with its QR code, then one chapter per kind of record, a table of
 * contents and page numbers, and on the last page the ledger's head and how to verify.
 * Text, not images of text, so it extracts and searches; fonts embedded as subsets (PDF/A-3b).
 */

export interface ReportContext {
  ledger: { count: number; head: string };
  generatedAt: Date;
  keyFingerprintSha256: string;
  /** The public page /b/<code>, the QR code's target */
  publicUrl: string;
}

const PARTY_LABEL: Record<PartyRole, string> = {
  OWNER: '建设单位',
  SURVEY: '勘察单位',
  DESIGN: '设计单位',
  CONSTRUCTION: '施工单位',
  SUPERVISION: '监理单位',
};
const DECISION = { ACCEPTED: '验收合格', REJECTED: '不合格，退回' } as const;
const VERDICT: Record<string, string> = { PASS: '自检合格', FAIL: '自检不合格' };
const SCOPE = { ENTITY_QUALITY: '工程实体质量', CONDUCT: '责任主体质量行为', DOCUMENTS: '质量控制资料', MATERIALS: '建筑材料' } as const;
const OUTCOME = { NO_ISSUES: '未发现问题', CORRECTED_ON_SITE: '责令现场整改', RECTIFICATION_NOTICE: '下发整改通知单', SUSPENSION: '局部暂停施工' } as const;
const ISSUER = { INSPECTOR: '质量监督机构', CHIEF_SUPERVISOR: '总监理工程师（工程暂停令）' } as const;
const KIND = { AUTHORIZATION: '法定代表人授权书', PLEDGE: '工程质量终身责任承诺书' } as const;
const MILESTONE_STATE = { OPEN: '待签署', ACCEPTED: '验收通过', REFUSED: '未通过' } as const;
const POSITION = { TECHNICAL_LEAD: '项目技术负责人', TECH_QUALITY_HEAD: '技术、质量部门负责人' } as const;
const COMPLETION_DOCUMENT = {
  CONSTRUCTION_REPORT: '工程竣工报告',
  QUALITY_ASSESSMENT: '竣工预验收与工程质量评估报告',
  SURVEY_CHECK: '勘察工程质量检查报告',
  DESIGN_CHECK: '设计工程质量检查报告',
  WARRANTY_CERTIFICATE: '工程质量保修书',
  ACCEPTANCE_NOTICE: '竣工验收通知（致质监站）',
} as const;
/** 条例 art 40 (terms.ts holds the periods) */
const WARRANTY_CATEGORY = {
  FOUNDATION_STRUCTURE: '地基基础工程和主体结构工程',
  WATERPROOFING: '屋面防水工程、有防水要求的卫生间、房间和外墙面的防渗漏',
  HEATING_COOLING: '供热与供冷系统',
  MEP_INSTALLATION: '电气管线、给排水管道、设备安装',
  DECORATION: '装修工程',
  OTHER: '其他项目',
} as const;
const CLAIM_STATE = { OPEN: '待响应', ACKNOWLEDGED: '已受理', VISIT_SCHEDULED: '已约定上门', REPAIRED: '已维修待确认', REOPENED: '重新打开', CLOSED: '已确认闭合', DECLINED: '不予保修' } as const;
const CLAIM_STEP = { ACKNOWLEDGED: '受理', VISIT_SCHEDULED: '约定上门', REPAIRED: '维修完成', CONFIRMED: '业主确认', REOPENED: '重新打开', DECLINED: '不予保修', MESSAGE: '留言' } as const;

/** China time to the minute, e.g. 2026-11-20 09:31 */
const time = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(at);

export async function archiveReport(db: DbOrTx, buildingId: string, context: ReportContext): Promise<Buffer> {
  return renderReport(await reportData(db, buildingId), context);
}

type ReportData = Awaited<ReturnType<typeof reportData>>;

async function reportData(db: DbOrTx, buildingId: string) {
  const building = await db.building.findUniqueOrThrow({
    where: { id: buildingId },
    select: {
      ...BUILDING_FACTS_SELECT,
      supervisionRegisteredAt: true,
      project: {
        select: {
          id: true,
          name: true,
          address: true,
          parties: { select: { role: true, organization: { select: { name: true, creditCode: true } } } },
          members: {
            where: { isLeader: true },
            orderBy: { startedAt: 'asc' },
            select: { id: true, role: true, startedAt: true, endedAt: true, qualificationType: true, user: { select: { name: true } } },
          },
          leaderChanges: { orderBy: { effectiveOn: 'asc' } },
        },
      },
    },
  });
  const where = { buildingId };
  const [signatures, pledges, lots, concealed, sideStations, receipts, samples, inspections, suspensions, notices, milestones, completionDocuments, filings, supervisionReports, claims] = await Promise.all([
    db.signature.findMany({ where, orderBy: { signedAt: 'asc' }, select: { subjectId: true, capacity: true, statement: true, signedAt: true } }),
    db.pledgeDocument.findMany({ where, orderBy: { createdAt: 'asc' }, include: { member: { select: { role: true, user: { select: { name: true } } } }, supersededBy: { select: { id: true } } } }),
    db.inspectionLot.findMany({
      where,
      orderBy: [{ itemCode: 'asc' }, { createdAt: 'asc' }],
      include: { records: { orderBy: { submittedAt: 'asc' }, include: { review: true } } },
    }),
    db.concealedWork.findMany({ where, orderBy: { notifiedAt: 'asc' }, include: { acceptance: true, lot: { select: { name: true } } } }),
    db.sideStationRecord.findMany({ where, orderBy: { startedAt: 'asc' }, include: { confirmation: true, lot: { select: { name: true } } } }),
    db.materialReceipt.findMany({ where, orderBy: { receivedOn: 'asc' }, include: { approval: true } }),
    db.witnessSample.findMany({ where, orderBy: { sampleNo: 'asc' }, include: { result: true } }),
    db.supervisionInspection.findMany({ where, orderBy: { inspectedOn: 'asc' } }),
    db.suspension.findMany({ where, orderBy: { issuedAt: 'asc' }, include: { resumeOrder: true } }),
    db.rectificationNotice.findMany({
      where,
      orderBy: { issuedOn: 'asc' },
      include: { items: { orderBy: { position: 'asc' }, include: { responses: { orderBy: { respondedAt: 'asc' }, include: { verification: true } } } } },
    }),
    readMilestones(db, buildingId),
    db.completionDocument.findMany({ where, orderBy: [{ issuedOn: 'asc' }, { signedAt: 'asc' }], include: { supersededBy: { select: { id: true } } } }),
    db.completionFiling.findMany({ where, orderBy: { filedOn: 'asc' } }),
    db.supervisionReport.findMany({ where, orderBy: { signedAt: 'asc' } }),
    db.warrantyClaim.findMany({ where, orderBy: { filedAt: 'asc' }, include: { unit: { select: { number: true } }, steps: { orderBy: { at: 'asc' } } } }),
  ]);
  const signedBy = new Map<string, string[]>();
  for (const s of signatures) {
    const statement = JSON.parse(s.statement) as { signer: { name: string }; title: string };
    const line = `${statement.title} ${statement.signer.name}（${time(s.signedAt)} 签署）`;
    signedBy.set(s.subjectId, [...(signedBy.get(s.subjectId) ?? []), line]);
  }
  return {
    building,
    facts: buildingFacts(building),
    signedBy,
    pledges,
    lots,
    concealed,
    sideStations,
    receipts,
    samples,
    inspections,
    suspensions,
    notices,
    milestones,
    completionDocuments,
    filings,
    supervisionReports,
    claims,
    handovers: await readHandovers(db, buildingId),
  };
}

interface Chapter {
  title: string;
  draw(): void;
}

function renderReport(data: ReportData, context: ReportContext): Promise<Buffer> {
  const { building, facts } = data;
  const title = `${building.project.name} ${facts.name} 工程质量终身责任档案`;
  const doc = createPdfDocument({ title, subject: `${facts.code} · 台账 ${context.ledger.count} 条`, keywords: [facts.code, '工程质量终身责任'], createdAt: context.generatedAt });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;

  const heading = (text: string) => doc.font(PDF_FONT.bold).fontSize(16).text(text, left).moveDown(0.5).font(PDF_FONT.regular).fontSize(10.5);
  const subheading = (text: string) => doc.moveDown(0.4).font(PDF_FONT.bold).fontSize(12).text(text, left).moveDown(0.2).font(PDF_FONT.regular).fontSize(10.5);
  const line = (text: string, indent = 0) => doc.font(PDF_FONT.regular).fontSize(10.5).text(text, left + indent, undefined, { width: width - indent });
  const field = (label: string, value: string | null | undefined, indent = 0) => line(`${label}：${value || '—'}`, indent);
  const signers = (subjectId: string, indent = 14) => {
    for (const s of data.signedBy.get(subjectId) ?? ['未签署']) line(`签署：${s}`, indent);
  };
  /** The signers of an answer to a record (a review, an approval), which may be signed under the record itself. */
  const answerSigners = (subjectId: string, indent = 14) => {
    for (const s of data.signedBy.get(subjectId) ?? []) line(`签署：${s}`, indent);
  };
  const none = (what: string) => line(`（无${what}）`);

  // Cover: the 永久性标牌 data and the QR code of the public page
  doc.font(PDF_FONT.bold).fontSize(24).text('工程质量终身责任档案', { align: 'center' }).moveDown(0.5);
  doc.fontSize(14).text(`${building.project.name}　${facts.name}`, { align: 'center' }).moveDown(1.2);
  doc.font(PDF_FONT.regular).fontSize(11);
  field('单位工程编码', facts.code);
  field('工程地址', facts.address ?? building.project.address);
  field('结构类型', [facts.structureType, facts.floorsAbove !== null ? `地上 ${facts.floorsAbove} 层` : null, facts.floorsBelow ? `地下 ${facts.floorsBelow} 层` : null].filter(Boolean).join('，'));
  field('建筑面积', facts.grossArea ? `${facts.grossArea} m²` : null);
  field('设计使用年限', `${facts.designWorkingLifeYears} 年`);
  field('竣工日期', facts.completedOn ?? '未竣工验收');
  field('质量监督登记', building.supervisionRegisteredAt ? time(building.supervisionRegisteredAt) : '未登记');
  doc.moveDown(0.6);
  for (const role of PARTY_ROLES) {
    const party = building.project.parties.find((p) => p.role === role);
    const leader = building.project.members.filter((m) => m.role === role && m.endedAt === null).at(-1);
    line(`${PARTY_LABEL[role]}：${party?.organization.name ?? '—'}　${LEADER_TITLE[role]}：${leader?.user.name ?? '—'}`);
  }
  const qrTop = doc.y + 20;
  const { modules } = QRCode.create(context.publicUrl, { errorCorrectionLevel: 'M' });
  const cell = 120 / modules.size;
  const qrLeft = left + (width - 120) / 2;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) doc.rect(qrLeft + col * cell, qrTop + row * cell, cell, cell);
  }
  doc.fill('#000000');
  doc.fontSize(9).text(`扫码查询：${context.publicUrl}`, left, qrTop + 128, { width, align: 'center' });
  doc.text(`档案生成时间 ${time(context.generatedAt)}　台账 ${context.ledger.count} 条`, { width, align: 'center' });

  // The table of contents goes on page 2, written once the chapters' pages are known
  doc.addPage();
  const tocPage = doc.bufferedPageRange().count - 1;

  const chapters: Chapter[] = [
    {
      title: '一、责任主体及项目负责人',
      draw() {
        for (const role of PARTY_ROLES) {
          const party = building.project.parties.find((p) => p.role === role);
          subheading(`${PARTY_LABEL[role]}：${party?.organization.name ?? '未登记'}`);
          if (party) field('统一社会信用代码', party.organization.creditCode, 14);
          const leaders = building.project.members.filter((m) => m.role === role);
          if (leaders.length === 0) line('项目负责人：未登记', 14);
          for (const m of leaders) {
            line(`${LEADER_TITLE[role]}：${m.user.name}${m.qualificationType ? `（${m.qualificationType}）` : ''}，${time(m.startedAt)} 起${m.endedAt ? `，${time(m.endedAt)} 止` : '，现任'}`, 14);
          }
          for (const change of building.project.leaderChanges.filter((c) => c.role === role)) {
            const from = building.project.members.find((m) => m.id === change.fromMemberId)?.user.name ?? '—';
            const to = building.project.members.find((m) => m.id === change.toMemberId)?.user.name ?? '—';
            line(`变更：${from} → ${to}，${dateOnly(change.effectiveOn)} 生效，原因：${change.reason}，批准：${change.approvedBy}`, 14);
          }
        }
      },
    },
    {
      title: '二、法定代表人授权书与工程质量终身责任承诺书',
      draw() {
        if (data.pledges.length === 0) none('已签署的授权书或承诺书');
        for (const p of data.pledges) {
          subheading(`${PARTY_LABEL[p.role]} ${KIND[p.kind]}${p.supersededBy ? '（已被更正件取代）' : ''}`);
          field('项目负责人', p.member.user.name, 14);
          field('签署内容 SHA-256', p.contentSha256, 14);
          field('PDF SHA-256', p.pdfSha256, 14);
          signers(p.id);
        }
      },
    },
    {
      title: '三、检验批质量验收记录',
      draw() {
        if (data.lots.length === 0) none('检验批');
        let subdivision = '';
        let item = '';
        for (const lot of data.lots) {
          if (lot.subdivisionCode !== subdivision) {
            subdivision = lot.subdivisionCode;
            const found = findSubdivision(subdivision);
            subheading(`分部 ${found?.division.name ?? subdivision.slice(0, 2)} · 子分部 ${found?.subdivision.name ?? subdivision}`);
            item = '';
          }
          if (lot.itemCode !== item) {
            item = lot.itemCode;
            line(`分项：${findItem(item)?.name ?? lot.itemName}（${item}）`, 7);
          }
          line(`检验批：${lot.name}，部位 ${lot.location}，容量 ${lot.capacity} ${lot.capacityUnit}`, 14);
          if (lot.records.length === 0) line('尚无验收记录', 28);
          for (const record of lot.records) {
            line(`${time(record.submittedAt)} 施工单位${VERDICT[record.verdict] ?? record.verdict}；监理：${record.review ? `${DECISION[record.review.decision]}${record.review.reasons ? `（${record.review.reasons}）` : ''}` : '待验收'}`, 28);
            signers(record.id, 28);
            if (record.review) answerSigners(record.review.id, 28);
          }
        }
      },
    },
    {
      title: '四、隐蔽工程验收记录',
      draw() {
        if (data.concealed.length === 0) none('隐蔽工程记录');
        for (const w of data.concealed) {
          subheading(`${w.lot.name} · ${w.location}`);
          line(w.description, 14);
          field('监理验收', w.acceptance ? `${DECISION[w.acceptance.decision]}${w.acceptance.reasons ? `（${w.acceptance.reasons}）` : ''}` : '待验收', 14);
          signers(w.id);
          if (w.acceptance) answerSigners(w.acceptance.id);
        }
      },
    },
    {
      title: '五、旁站记录',
      draw() {
        if (data.sideStations.length === 0) none('旁站记录');
        for (const r of data.sideStations) {
          subheading(`${r.process} · ${r.lot.name} · ${r.location}`);
          field('旁站时间', `${time(r.startedAt)} 至 ${time(r.endedAt)}`, 14);
          field('旁站情况', r.observations, 14);
          field('发现问题', r.problems, 14);
          field('处理意见', r.actions, 14);
          field('施工单位确认', r.confirmation ? time(r.confirmation.confirmedAt) : '未确认', 14);
          signers(r.id);
          if (r.confirmation) answerSigners(r.confirmation.id);
        }
      },
    },
    {
      title: '六、材料进场验收与见证取样',
      draw() {
        subheading('材料进场验收');
        if (data.receipts.length === 0) none('材料进场记录');
        for (const r of data.receipts) {
          line(`${MATERIAL_KINDS[r.kind as MaterialKind]?.name ?? r.kind}：${r.name} ${r.specification}，批号 ${r.batchNo}，${r.quantity.toString()} ${r.unit}，${r.supplier}，${dateOnly(r.receivedOn)} 进场`, 7);
          field('监理审批', r.approval ? DECISION[r.approval.decision] : '待审批', 14);
          signers(r.id);
          if (r.approval) answerSigners(r.approval.id);
        }
        subheading('见证取样送检');
        if (data.samples.length === 0) none('见证取样记录');
        for (const s of data.samples) {
          line(`${s.sampleNo}：${MATERIAL_KINDS[s.kind as MaterialKind]?.name ?? s.kind}，${s.location}，${time(s.sampledAt)} 取样，${s.witnessId ? '有见证' : '无见证'}，送 ${s.lab}`, 7);
          field('检测结果', s.result ? `${s.result.passed ? '合格' : '不合格'}（报告 ${s.result.reportNo}，${dateOnly(s.result.reportedOn)}）` : '检测中', 14);
          signers(s.id);
          if (s.result) answerSigners(s.result.id);
        }
      },
    },
    {
      title: '七、质量监督检查',
      draw() {
        if (data.inspections.length === 0) none('监督检查记录');
        for (const i of data.inspections) {
          subheading(`${dateOnly(i.inspectedOn)} 监督检查`);
          field('检查内容', i.scopes.map((s) => SCOPE[s]).join('、'), 14);
          field('检查情况', i.findings, 14);
          field('处理', OUTCOME[i.outcome], 14);
          signers(i.id);
        }
      },
    },
    {
      title: '八、局部暂停施工与复工',
      draw() {
        if (data.suspensions.length === 0) none('暂停施工记录');
        for (const s of data.suspensions) {
          subheading(`${time(s.issuedAt)} ${ISSUER[s.issuer]}`);
          field('范围', s.wholeBuilding ? '整个单位工程' : s.scopeCodes.map((c) => findSubdivision(c)?.subdivision.name ?? c).join('、'), 14);
          field('原因', s.reason, 14);
          field('依据', s.basis, 14);
          signers(s.id);
          field('复工', s.resumeOrder ? `${time(s.resumeOrder.issuedAt)}，${s.resumeOrder.findings}` : '尚未复工', 14);
          if (s.resumeOrder) answerSigners(s.resumeOrder.id);
        }
      },
    },
    {
      title: '九、整改通知单及闭合',
      draw() {
        if (data.notices.length === 0) none('整改通知单');
        const today = chinaDate(context.generatedAt);
        for (const n of data.notices) {
          const states = n.items.map((item) => itemState(item.responses));
          const state = noticeState(states, dateOnly(n.deadline)!, today);
          subheading(`整改通知单 ${n.number}（致${PARTY_LABEL[n.partyRole]}）`);
          field('下发日期 / 整改期限', `${dateOnly(n.issuedOn)} / ${dateOnly(n.deadline)}`, 14);
          field('状态', state.closed ? '已闭合' : state.overdueDays > 0 ? `逾期 ${state.overdueDays} 天未闭合` : '整改中', 14);
          signers(n.id);
          for (const item of n.items) {
            line(`${item.position}. ${item.finding}；要求：${item.requiredAction}`, 14);
            for (const r of item.responses) {
              line(`回复 ${time(r.respondedAt)}：${r.actionTaken}`, 28);
              answerSigners(r.id, 28);
              if (r.verification) {
                line(`复查 ${time(r.verification.verifiedAt)}：${r.verification.decision === 'VERIFIED' ? '整改合格' : `退回（${r.verification.reason}）`}`, 28);
                answerSigners(r.verification.id, 28);
              }
            }
          }
        }
      },
    },
    {
      title: '十、分部工程验收与竣工验收',
      draw() {
        if (data.milestones.length === 0 && data.completionDocuments.length === 0) none('分部工程验收或竣工验收记录');
        for (const m of data.milestones) {
          const division = m.divisionCode ? CATALOG.find((d) => d.code === m.divisionCode)?.name ?? m.divisionCode : null;
          subheading(`${division ? `分部工程验收：${division}` : '单位工程竣工验收'}（${dateOnly(m.heldOn)}）`);
          field('结论', MILESTONE_STATE[m.state], 14);
          // The organizer signs the opening (the 总监 for a 分部, the 建设单位项目负责人 for 竣工验收)
          answerSigners(m.id);
          for (const s of m.signoffs) {
            const post = s.position === 'LEADER' ? LEADER_TITLE[s.role] : POSITION[s.position];
            line(`${PARTY_LABEL[s.role]} ${post}：${s.agrees ? '同意' : '不同意'}，${s.opinion}`, 14);
            answerSigners(s.id, 28);
          }
          if (m.missing.length > 0) line(`尚缺签署：${m.missing.map((s) => `${PARTY_LABEL[s.role]} ${s.position === 'LEADER' ? LEADER_TITLE[s.role] : POSITION[s.position]}`).join('、')}`, 14);
        }
        if (data.completionDocuments.length > 0) subheading('竣工验收资料');
        for (const d of data.completionDocuments) {
          line(`${COMPLETION_DOCUMENT[d.kind]}（${PARTY_LABEL[d.role]}，${dateOnly(d.issuedOn)}）${d.supersededBy ? '（已被更正版取代）' : ''}：${d.summary}`, 7);
          signers(d.id);
        }
        for (const f of data.filings) {
          subheading('竣工验收备案');
          field('备案机关 / 备案编号', `${f.authority} / ${f.filingNumber}`, 14);
          field('备案日期', dateOnly(f.filedOn), 14);
          signers(f.id);
        }
        for (const r of data.supervisionReports) {
          subheading('工程质量监督报告');
          field('结论', r.conclusion, 14);
          signers(r.id);
        }
      },
    },
    {
      title: '十一、工程质量保修',
      draw() {
        if (!facts.completedOn) {
          line('保修期自竣工验收合格之日起计算（《建设工程质量管理条例》第四十条）；本楼尚未通过竣工验收。');
        } else {
          subheading(`最低保修期限（自 ${facts.completedOn} 起）`);
          for (const term of warrantyTerms({ completedOn: facts.completedOn, designWorkingLifeYears: facts.designWorkingLifeYears })) {
            line(`${WARRANTY_CATEGORY[term.category]}：${term.endsOn ? `至 ${term.endsOn}` : '按保修书约定'}`, 7);
          }
        }
        subheading('保修报修与处理');
        if (data.claims.length === 0) none('报修记录');
        for (const c of data.claims) {
          const state = claimState(c, c.steps, context.generatedAt);
          line(`${c.unit.number} ${WARRANTY_CATEGORY[c.category]}${c.emergency ? '（紧急）' : ''}：${c.location}，${c.description}；${dateOnly(c.filedOn)} 报修，${CLAIM_STATE[state.state]}`, 7);
          answerSigners(c.id);
          for (const step of c.steps) line(`${time(step.at)} ${CLAIM_STEP[step.kind]}${step.text ? `：${step.text}` : ''}`, 14);
        }
      },
    },
  ];

  const starts: number[] = [];
  for (const chapter of chapters) {
    doc.addPage();
    starts.push(doc.bufferedPageRange().count);
    heading(chapter.title);
    chapter.draw();
  }

  // Last page: the ledger and how to verify
  doc.addPage();
  const verificationTitle = '十二、台账末端与核验方法';
  starts.push(doc.bufferedPageRange().count);
  heading(verificationTitle);
  field('台账事件数', String(context.ledger.count));
  field('台账末端哈希（head）', context.ledger.head);
  field('印章公钥指纹（SHA-256）', context.keyFingerprintSha256);
  field('档案生成时间', time(context.generatedAt));
  if (data.handovers.length > 0) {
    subheading('移交城建档案馆');
    for (const h of data.handovers) {
      line(`${h.handedOn} 移交${h.archiveAgency}，接收编号 ${h.receiptNo}，所移交档案的台账至第 ${h.ledger.count} 条；manifest.json 的 SHA-256：${h.manifestSha256}${h.transferListSha256 ? `；移交清单 ${h.transferListSha256}` : ''}（${h.by} 登记）`);
    }
  }
  doc.moveDown(0.5);
  for (const text of [
    '本档案为 ZIP 压缩包，同时是 BagIt 包（RFC 8493）。manifest.json 列出除其本身和 seal.json 外每个文件的 SHA-256 与字节数，以及台账条数和末端哈希；seal.json 是服务器 Ed25519 印章。',
    '核验：在任一电脑上运行 npm run verify-archive -- 档案.zip（不联网、不需数据库），或按压缩包内 README.txt 用 sha256sum 和 openssl 手工核验：',
    '1. sha256sum -c manifest-sha256.txt 核对全部载荷文件；',
    '2. openssl 验证 seal.json 对 SHA-256(manifest.json) 的签名，公钥指纹应与上面一致；',
    '3. 逐条重算台账链：hash_n = SHA-256(hash_{n-1} || 事件的 RFC 8785 规范 JSON)，首条前驱为 32 个零字节，最后一条应等于上面的末端哈希。',
    '以后导出的档案可用 npm run verify-archive -- --against 旧档案.zip 新档案.zip 证明新档案的台账完整包含旧档案的全部事件，历史未被改写。',
  ]) {
    line(text);
  }

  doc.switchToPage(tocPage);
  doc.y = doc.page.margins.top;
  heading('目　录');
  [...chapters.map((c) => c.title), verificationTitle].forEach((chapterTitle, k) => {
    const y = doc.y;
    doc.text(chapterTitle, left, y, { width: width - 40, lineBreak: false });
    doc.text(`${starts[k]}`, left + width - 40, y, { width: 40, align: 'right' });
    doc.moveDown(0.4);
  });

  decoratePages(doc, ({ index, count }) => {
    doc.font(PDF_FONT.regular).fontSize(8).fillColor('#555555');
    // decoratePages lifts the bottom margin, so the footer sits inside it
    doc.text(`${facts.code}　第 ${index + 1} 页 共 ${count} 页`, left, doc.page.height - PAGE_MARGIN + 14, { width, align: 'center', lineBreak: false });
  });
  return pdfToBuffer(doc);
}
