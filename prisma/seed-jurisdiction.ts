/**
 * The rest of the demo inspector's jurisdiction (福州, 350100), so the supervision desk shows
 * real variety: a second demo project with its own 建设单位 and 施工单位, all five pledges signed
 * and registered, 检验批 accepted, rejected and with identical readings, a photo taken days before
 * it was uploaded, and a 局部暂停施工 in force; then generated projects across the city's
 * districts at an early stage (registered with their parties and buildings, no pledges yet, so not
 * registered for supervision), some completing soon, some with an open or overdue 整改通知单.
 * Everything goes through the services the app uses (and so through the ledger and the desk's
 * triggers); the generated ones need no signature except the inspector's notices, so they are cheap.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/server/authz/actor';
import type { PartyRole } from '@/server/authz/roles';
import { chinaDate } from '@/server/dates';
import type { Db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { idNumberCheckChar } from '@/server/identity/id-number';
import { createLot, reviewRecord, submitRecord } from '@/server/inspections/service';
import { issueNotice } from '@/server/notices/service';
import { creditCodeCheckChar } from '@/server/orgs/credit-code';
import { addStaff, appointLeader, assignParty } from '@/server/parties/service';
import { attachOriginal, registerForSupervision, signPledges } from '@/server/pledges/service';
import { createBuilding, createProject } from '@/server/projects/service';
import { storeFile } from '@/server/storage';
import { orderSuspension } from '@/server/suspensions/service';
import { demoPdf } from './seed-site';

const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
const idNumber = (region: string, birth: string, seq: string) => `${region}${birth}${seq}` + idNumberCheckChar(`${region}${birth}${seq}`);
const day = (offsetDays: number) => new Date(Date.parse(chinaDate()) + offsetDays * 86_400_000).toISOString().slice(0, 10);

export const DEMO_PROJECT_2 = {
  code: 'FZ-2026-0057',
  name: '晋安湖学府里',
  address: '福建省福州市晋安区福新东路 99 号',
  regionCode: '350111', // 福州市晋安区
};
/** Its one building; the code is the first the service numbers in 350111. */
export const DEMO_BUILDING_2 = { code: 'BL-350111-0001', name: 'A栋住宅楼' };

/** The second project's own 建设单位 and 施工单位 (its 勘察、设计、监理 are the first project's). */
export const ORGANIZATIONS_2 = {
  OWNER: { name: '福州晋安城投置业有限公司', creditCode: creditCode('91350111MA8XJ2Q4T'), legalRepresentative: '郑启明' },
  CONSTRUCTION: { name: '福建榕兴建设工程有限公司', creditCode: creditCode('91350100MA33KD7R5'), legalRepresentative: '陈建伟' },
} as const;
export const LEADER_DETAILS_2 = {
  OWNER: { idNumber: idNumber('350111', '19800415', '036'), qualificationType: '工程师（建设管理）', qualificationNo: 'FZJA-2020-0415' },
  CONSTRUCTION: { idNumber: idNumber('350111', '19790822', '058'), qualificationType: '一级注册建造师', qualificationNo: '闽1352011300562' },
} as const;

/** The 福州 districts the generated projects lie in (GB/T 2260). */
const DISTRICTS = [
  ['350102', '鼓楼区', '五四路'],
  ['350103', '台江区', '江滨中大道'],
  ['350104', '仓山区', '金山大道'],
  ['350105', '马尾区', '江滨东大道'],
  ['350111', '晋安区', '福飞北路'],
  ['350112', '长乐区', '航城大道'],
] as const;
const PLACES = ['江滨', '榕城', '闽都', '三江口', '东湖', '金山', '海峡', '旗山'];
const KINDS = ['花园', '新苑', '公馆', '学府', '家园'];
/** Generated projects: FZ-2026-1001 … */
export const GENERATED_PROJECT_COUNT = 30;
/** Builders of the generated projects: three 建设单位 and three 施工单位. */
const GENERATED_ORGANIZATIONS = Array.from({ length: 6 }, (_, i) => ({
  name: i < 3 ? `福州${['城建', '滨海', '榕发'][i]}置业有限公司（演示）` : `福建${['闽榕', '海西', '八闽'][i - 3]}建设集团有限公司（演示）`,
  creditCode: creditCode(`91350100MA3G${String(i + 1).padStart(2, '0')}LW8`),
  legalRepresentative: ['林海', '黄斌', '吴涛', '陈峰', '郭亮', '杨帆'][i]!,
}));

export interface JurisdictionPeople {
  admin: Actor;
  inspector: Actor;
  /** Leaders of the second project by party; the 勘察、设计、监理 leaders are the first project's. */
  leaders: Record<PartyRole, Actor>;
  qc: Actor;
  engineer: Actor;
}

/** The second demo project, built as a 建设单位 would in the app, then its site records; ends with a 局部暂停施工 in force. */
export async function seedSecondProject(db: Db, people: JurisdictionPeople, orgIds: Record<PartyRole, string>, password: string) {
  const { leaders, qc, engineer, inspector } = people;
  const owner = leaders.OWNER;
  const { id: projectId } = await createProject(db, owner, { ...DEMO_PROJECT_2, ownerOrganizationId: orgIds.OWNER });
  for (const role of ['SURVEY', 'DESIGN', 'CONSTRUCTION', 'SUPERVISION'] as const) {
    await assignParty(db, owner, { projectId, role, organizationId: orgIds[role] });
  }
  const building = await createBuilding(db, owner, {
    projectId,
    name: DEMO_BUILDING_2.name,
    address: DEMO_PROJECT_2.address,
    structureType: '框架-剪力墙结构',
    floorsAbove: 26,
    floorsBelow: 2,
    grossArea: 21480.6,
    designWorkingLifeYears: 50,
    plannedStartOn: '2026-05-10',
    plannedCompletionOn: '2028-10-31',
  });
  if (building.code !== DEMO_BUILDING_2.code) throw new Error(`the second demo building got ${building.code}, not ${DEMO_BUILDING_2.code}`);
  for (const [role, leader] of Object.entries(leaders) as [PartyRole, Actor][]) {
    const details = await db.projectMember.findFirst({ where: { userId: leader.userId, isLeader: true }, select: { idNumber: true, qualificationType: true, qualificationNo: true } });
    const own = role === 'OWNER' || role === 'CONSTRUCTION' ? LEADER_DETAILS_2[role] : details!;
    await appointLeader(db, owner, { projectId, role, userId: leader.userId, idNumber: own.idNumber!, qualificationType: own.qualificationType!, qualificationNo: own.qualificationNo! });
  }
  await addStaff(db, owner, { projectId, role: 'CONSTRUCTION', userId: qc.userId, title: '项目专业质量检查员' });
  await addStaff(db, owner, { projectId, role: 'SUPERVISION', userId: engineer.userId, title: '专业监理工程师' });
  for (const [role, leader] of Object.entries(leaders) as [PartyRole, Actor][]) {
    await signPledges(db, leader, { projectId, role, password });
    const scan = await storeFile(db, { bytes: await demoPdf('法定代表人授权书（原件扫描件 · 演示数据）', [`项目：${DEMO_PROJECT_2.name}`, `角色：${role}`]), mediaType: 'application/pdf', createdById: leader.userId });
    await attachOriginal(db, leader, { projectId, role, fileSha256: scan.sha256 });
  }
  await registerForSupervision(db, owner, building.id);

  // 主体结构: the 1F rebar accepted, its formwork with ten identical readings (the desk flags it),
  // the 2F rebar rejected, its photo taken three days before it reached the server.
  const plan = (itemCode: string, name: string, capacity: number, unit: string) =>
    createLot(db, qc, { buildingId: building.id, subdivisionCode: '0201', itemCode, name, location: name.slice(0, 2), capacity, capacityUnit: unit, predecessorIds: [] }).then((l) => l.id);
  const submit = async (lotId: string, measured: number[], photoIds: string[] = []) =>
    submitRecord(db, qc, {
      lotId,
      items: [
        { kind: 'MAIN', requirement: '受力钢筋的品种、级别、规格和数量', minSample: 5, sampled: 5, passed: 5 },
        { kind: 'GENERAL', requirement: '允许偏差（mm）', minSample: 5, sampled: measured.length, passed: measured.length, measured },
      ],
      constructionBasis: '施工组织设计及专项施工方案',
      acceptanceBasis: '现行专业验收规范',
      photoIds,
      password,
      idempotencyKey: randomUUID(),
    });
  const review = (recordId: string, decision: 'ACCEPTED' | 'REJECTED', reasons?: string) => reviewRecord(db, engineer, { recordId, decision, reasons, password, idempotencyKey: randomUUID() });
  await review((await submit(await plan('020102', '1F 柱墙钢筋', 48, 't'), [2, -3, 5, 1, 4, -2, 6, 3, 0, 8])).id, 'ACCEPTED');
  await review((await submit(await plan('020101', '1F 梁板模板', 52, '件'), [3, 3, 3, 3, 3, 3, 3, 3, 3, 3])).id, 'ACCEPTED');
  const early = await uploadPhoto(db, qc, { buildingId: building.id, bytes: await samplePhoto(4101, { takenAt: new Date(Date.now() - 3 * 86_400_000), label: '2F 梁板钢筋' }) });
  await review((await submit(await plan('020102', '2F 梁板钢筋', 41, 't'), [4, -6, 12, 3, -2, 9, 1, 15, 0, 5], [early.id])).id, 'REJECTED', '梁端箍筋加密区长度不足，整改后重新报验');

  // The 质监站 stops the 主体结构 work after finding the formwork readings copied.
  await orderSuspension(db, inspector, {
    buildingId: building.id,
    issuer: 'INSPECTOR',
    scopeCodes: ['0201'],
    reason: '抽查发现 1F 梁板模板检验批实测值全部相同，2F 梁板钢筋检验批被监理退回后仍在施工，质量控制资料真实性存疑。',
    basis: '《建设工程质量管理条例》第四十八条',
    password,
    idempotencyKey: randomUUID(),
  });
  return { projectId, buildingId: building.id };
}

/**
 * GENERATED_PROJECT_COUNT projects across 福州's districts, as an administrator registers them:
 * 建设单位 and 施工单位 from a small pool, one building (two for every fourth), planned completion
 * spread out (every ninth within 30 days). No pledges yet, so none is registered for supervision.
 * The inspector has issued a 整改通知单 to the 施工单位 of every fifth, half of them past the deadline.
 * Returns the building codes, for README.
 */
export async function seedGeneratedProjects(db: Db, people: JurisdictionPeople, password: string): Promise<string[]> {
  const { admin, inspector } = people;
  const orgs = [];
  for (const org of GENERATED_ORGANIZATIONS) orgs.push(await db.organization.create({ data: { ...org, createdById: admin.userId } }));
  const codes: string[] = [];
  for (let i = 0; i < GENERATED_PROJECT_COUNT; i++) {
    const [regionCode, district, road] = DISTRICTS[i % DISTRICTS.length]!;
    const name = `${PLACES[i % PLACES.length]}${KINDS[(i * 3) % KINDS.length]}（${district}${i + 1}号地块）`;
    const address = `福建省福州市${district}${road} ${100 + i * 7} 号`;
    const { id: projectId } = await createProject(db, admin, { code: `FZ-2026-${1001 + i}`, name, address, regionCode, ownerOrganizationId: orgs[i % 3]!.id });
    await assignParty(db, admin, { projectId, role: 'CONSTRUCTION', organizationId: orgs[3 + (i % 3)]!.id });
    const buildings = [];
    for (let b = 1; b <= (i % 4 === 0 ? 2 : 1); b++) {
      const building = await createBuilding(db, admin, {
        projectId,
        name: `${b}#楼`,
        address,
        structureType: i % 2 ? '剪力墙结构' : '框架结构',
        floorsAbove: 6 + ((i * 5) % 28),
        floorsBelow: 1 + (i % 2),
        grossArea: 8000 + i * 730.5,
        designWorkingLifeYears: 50,
        plannedStartOn: day(-400 + i * 9),
        plannedCompletionOn: i % 9 === 4 ? day(10 + i) : day(120 + i * 23),
      });
      buildings.push(building);
      codes.push(building.code);
    }
    if (i % 5 === 1) {
      const overdue = i % 10 === 1;
      await issueNotice(db, inspector, {
        buildingId: buildings[0]!.id,
        partyRole: 'CONSTRUCTION',
        basis: '《建设工程质量管理条例》第四十八条',
        issuedOn: day(overdue ? -30 : -3),
        deadline: day(overdue ? -3 - Math.floor(i / 10) * 4 : 10),
        items: [{ finding: '施工现场未按规定设置工程质量责任主体和责任人员公示牌', basis: '住建部令第5号', requiredAction: '设置公示牌并报送照片' }],
        password,
        idempotencyKey: randomUUID(),
      });
    }
  }
  return codes;
}
