/**
 * Demo data (Contract 2): one realistic project with the five parties, one
 * account per role, and a demo API token for the inspector. Runs on the
 * first `npm start` with the embedded database (or SEED_DEMO=1), or by hand
 * with `npm run db:seed`. Every account and the token are listed in README.
 */
import type { Db } from '@/server/db/client';
import { hashPassword } from '@/server/auth/password';
import { loadActor, type Actor } from '@/server/authz/actor';
import { LEADER_TITLE, PARTY_ROLES, STAFF_POSITION_TITLE, type PartyRole, type StaffPosition } from '@/server/authz/roles';
import { idNumberCheckChar } from '@/server/identity/id-number';
import { recordEvent } from '@/server/ledger/record';
import { attachOriginal, registerForSupervision, signPledges } from '@/server/pledges/service';
import { storeFile } from '@/server/storage';
import { hashToken } from '@/server/tokens/service';
import { seedDeliveredProject } from './seed-delivered';
import { demoPdf, seedSiteRecords } from './seed-site';

/** Demo only: every demo account has this password. Never use it for a real account. */
export const DEMO_PASSWORD = 'BuildLedger2026';
/** Demo only: the inspector's API token (Contract 7 shape). */
export const DEMO_INSPECTOR_TOKEN = 'bl_DEMO-inspector-token-not-for-production-use';

export const DEMO_PROJECT = {
  code: 'FZ-2026-0042',
  name: '滨江花园二期',
  address: '福建省福州市仓山区浦上大道 208 号',
  regionCode: '350104', // 福州市仓山区
};
const BUILDING_FACTS = {
  address: '福建省福州市仓山区浦上大道 208 号',
  structureType: '剪力墙结构',
  floorsAbove: 18,
  floorsBelow: 1,
  grossArea: '12860.50',
  designWorkingLifeYears: 50,
  plannedStartOn: new Date('2026-03-01T00:00:00Z'),
  plannedCompletionOn: new Date('2028-06-30T00:00:00Z'),
};
/**
 * 1#: the five leaders signed, originals attached, registered for supervision.
 * 2#: added later; the 设计单位项目负责人 has not signed for it yet, so it shows the gate.
 */
export const DEMO_BUILDINGS = [
  { code: 'BL-350104-0001', name: '1#住宅楼' },
  { code: 'BL-350104-0002', name: '2#住宅楼' },
];
/** The party whose pledge for 2# is missing in the demo. */
export const DEMO_MISSING_PLEDGE: PartyRole = 'DESIGN';

/** Made-up 身份证号 with valid GB 11643 check characters (birth dates in the 1970s–80s). */
const demoIdNumber = (birth: string, seq: string) => `350104${birth}${seq}` + idNumberCheckChar(`350104${birth}${seq}`);
const LEADER_DETAILS: Record<PartyRole, { idNumber: string; qualificationType: string; qualificationNo: string }> = {
  OWNER: { idNumber: demoIdNumber('19780312', '031'), qualificationType: '工程师（建设管理）', qualificationNo: 'FZJS-2019-0312' },
  SURVEY: { idNumber: demoIdNumber('19810705', '052'), qualificationType: '注册土木工程师（岩土）', qualificationNo: 'AY135001234' },
  DESIGN: { idNumber: demoIdNumber('19830921', '064'), qualificationType: '一级注册建筑师', qualificationNo: '闽A135002345' },
  CONSTRUCTION: { idNumber: demoIdNumber('19760218', '073'), qualificationType: '一级注册建造师', qualificationNo: '闽1352008200871' },
  SUPERVISION: { idNumber: demoIdNumber('19720630', '015'), qualificationType: '注册监理工程师', qualificationNo: '35004567' },
};

// Credit codes below are made up but carry valid GB 32100 check characters.
const ORGANIZATIONS = {
  OWNER: { name: '福州滨江置业有限公司', creditCode: '91350104MA2XKQ3B1M', legalRepresentative: '林国栋' },
  SURVEY: { name: '福建闽岩岩土工程勘察有限公司', creditCode: '91350100MA31P8QH5Y', legalRepresentative: '许文斌' },
  DESIGN: { name: '福州榕城建筑设计研究院有限公司', creditCode: '91350102MA2Y7B8L3C', legalRepresentative: '高明远' },
  CONSTRUCTION: { name: '闽江建工集团有限公司', creditCode: '91350000MA34H9RT20', legalRepresentative: '蔡永康' },
  SUPERVISION: { name: '福建正衡工程监理有限公司', creditCode: '91350103MA2WQ5DC7E', legalRepresentative: '潘德胜' },
} satisfies Record<PartyRole, { name: string; creditCode: string; legalRepresentative: string }>;
const AGENCY = { name: '福州市建设工程质量安全监督站', creditCode: '12350100MB0N12345F', regionCodes: ['350100'] };

interface DemoAccount {
  login: string;
  name: string;
  phone: string;
  party?: PartyRole;
  leader?: boolean;
  /** Works for the party's organization but holds no seat in the demo project (e.g. a 变更 candidate). */
  noSeat?: true;
  title: string;
  /** A post acceptance names (GB 55032 4.3.3) */
  position?: StaffPosition;
  role?: 'ADMIN' | 'INSPECTOR' | 'HOMEOWNER';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'admin', name: '系统管理员', phone: '13800000001', role: 'ADMIN', title: '系统管理员' },
  { login: 'owner.leader', name: '陈建华', phone: '13800000002', party: 'OWNER', leader: true, title: LEADER_TITLE.OWNER },
  { login: 'survey.leader', name: '林志远', phone: '13800000003', party: 'SURVEY', leader: true, title: LEADER_TITLE.SURVEY },
  { login: 'design.leader', name: '黄雅琴', phone: '13800000004', party: 'DESIGN', leader: true, title: LEADER_TITLE.DESIGN },
  { login: 'construction.leader', name: '王海峰', phone: '13800000005', party: 'CONSTRUCTION', leader: true, title: LEADER_TITLE.CONSTRUCTION },
  { login: 'supervision.leader', name: '郑国平', phone: '13800000006', party: 'SUPERVISION', leader: true, title: LEADER_TITLE.SUPERVISION },
  { login: 'construction.pm2', name: '赵立新', phone: '13800000011', party: 'CONSTRUCTION', noSeat: true, title: '项目经理（后备）' },
  { login: 'construction.qc', name: '刘晓明', phone: '13800000007', party: 'CONSTRUCTION', title: '项目专业质量检查员' },
  { login: 'construction.tech', name: '孙伟', phone: '13800000015', party: 'CONSTRUCTION', title: STAFF_POSITION_TITLE.TECHNICAL_LEAD, position: 'TECHNICAL_LEAD' },
  { login: 'construction.quality', name: '周敏', phone: '13800000016', party: 'CONSTRUCTION', title: '公司技术质量部经理', position: 'TECH_QUALITY_HEAD' },
  { login: 'supervision.engineer', name: '张丽萍', phone: '13800000008', party: 'SUPERVISION', title: '专业监理工程师' },
  { login: 'inspector', name: '吴振宇', phone: '13800000009', role: 'INSPECTOR', title: '质量监督员' },
  { login: 'homeowner', name: '李梅', phone: '13800000010', role: 'HOMEOWNER', title: '业主' },
  { login: 'homeowner2', name: '王芳', phone: '13800000017', role: 'HOMEOWNER', title: '业主' },
];

export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Db): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  let projectId = '';
  let partyOrgIds = {} as Record<PartyRole, string>;
  const userIds: Record<string, string> = {};
  const owner = DEMO_ACCOUNTS.find((a) => a.login === 'owner.leader')!;

  async function addBuilding(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], b: number) {
    const building = DEMO_BUILDINGS[b]!;
    const row = await tx.building.create({ data: { ...building, ...BUILDING_FACTS, projectId } });
    const units = [];
    for (let floor = 1; floor <= 18; floor++) {
      for (const door of ['01', '02']) units.push({ buildingId: row.id, number: `${b + 1}-${floor}${door}` });
    }
    await tx.unit.createMany({ data: units });
    await recordEvent(tx, {
      buildingId: row.id,
      type: 'building.registered',
      actor: { id: userIds['owner.leader']!, name: owner.name, role: 'OWNER' },
      subjects: { projectId },
      data: { code: building.code, name: building.name, project: DEMO_PROJECT.name, designWorkingLifeYears: BUILDING_FACTS.designWorkingLifeYears },
    });
    return row;
  }

  await db.$transaction(
    async (tx) => {
      const orgIds = {} as Record<PartyRole, string>;
      for (const [role, org] of Object.entries(ORGANIZATIONS) as [PartyRole, (typeof ORGANIZATIONS)[PartyRole]][]) {
        orgIds[role] = (await tx.organization.create({ data: org })).id;
      }
      const agency = await tx.organization.create({ data: { ...AGENCY, kind: 'QUALITY_AGENCY' } });
      partyOrgIds = orgIds;

      const users: Record<string, string> = {};
      for (const [i, account] of DEMO_ACCOUNTS.entries()) {
        const organizationId = account.party ? orgIds[account.party] : account.role === 'INSPECTOR' ? agency.id : undefined;
        const user = await tx.user.create({
          data: {
            login: account.login,
            name: account.name,
            phone: account.phone,
            passwordHash: hashes[i]!,
            roles: account.role ? { create: { role: account.role } } : undefined,
            memberships: organizationId ? { create: { organizationId, title: account.title } } : undefined,
          },
        });
        users[account.login] = user.id;
      }

      const project = await tx.project.create({
        data: {
          ...DEMO_PROJECT,
          createdById: users['owner.leader'],
          parties: { create: Object.entries(orgIds).map(([role, organizationId]) => ({ role: role as PartyRole, organizationId })) },
          members: {
            create: DEMO_ACCOUNTS.filter((a) => a.party && !a.noSeat).map((a) => ({
              role: a.party!,
              userId: users[a.login]!,
              isLeader: a.leader ?? false,
              title: a.title,
              position: a.position ?? null,
              ...(a.leader ? LEADER_DETAILS[a.party!] : {}),
            })),
          },
        },
      });

      projectId = project.id;
      for (const login of Object.keys(users)) userIds[login] = users[login]!;
      await addBuilding(tx, 0);

      const homeUnit = await tx.unit.findFirstOrThrow({ where: { number: '1-1201' } });
      await tx.unitOwner.create({ data: { unitId: homeUnit.id, userId: users.homeowner! } });

      await tx.apiToken.create({
        data: {
          userId: users.inspector!,
          name: '演示令牌（仅供演示）',
          tokenHash: hashToken(DEMO_INSPECTOR_TOKEN),
          prefix: DEMO_INSPECTOR_TOKEN.slice(0, 9),
        },
      });
    },
    { timeout: 60_000 },
  );

  // The leaders sign through the same service as in the app, with the demo password.
  const leaderOf = (role: PartyRole) => DEMO_ACCOUNTS.find((a) => a.party === role && a.leader)!;
  const actorFor = async (login: string) => (await loadActor(db, userIds[login]!, 'session'))!;
  async function signAndAttach(roles: readonly PartyRole[]) {
    for (const role of roles) {
      const leader = await actorFor(leaderOf(role).login);
      await signPledges(db, leader, { projectId, role, password: DEMO_PASSWORD });
      const scan = await storeFile(db, { bytes: await demoOriginalScan(role), mediaType: 'application/pdf', createdById: leader.userId });
      await attachOriginal(db, leader, { projectId, role, fileSha256: scan.sha256 });
    }
  }
  await signAndAttach(PARTY_ROLES);
  const ownerActor = await actorFor('owner.leader');
  const first = await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } });
  await registerForSupervision(db, ownerActor, first.id);
  await db.$transaction((tx) => addBuilding(tx, 1));
  await signAndAttach(PARTY_ROLES.filter((role) => role !== DEMO_MISSING_PLEDGE));
  await seedSiteRecords(db, first.id, { qc: await actorFor('construction.qc'), contractor: await actorFor('construction.leader'), engineer: await actorFor('supervision.engineer'), owner: ownerActor, inspector: await actorFor('inspector') }, DEMO_PASSWORD);

  // The estate's first phase, delivered: completed ten days ago, its homeowners' warranty claims.
  const leaders = Object.fromEntries(await Promise.all(PARTY_ROLES.map(async (role) => [role, await actorFor(leaderOf(role).login)] as const))) as Record<PartyRole, Actor>;
  await seedDeliveredProject(
    db,
    {
      leaders,
      technicalLead: await actorFor('construction.tech'),
      qualityHead: await actorFor('construction.quality'),
      qc: await actorFor('construction.qc'),
      engineer: await actorFor('supervision.engineer'),
      homeowners: [await actorFor('homeowner'), await actorFor('homeowner2')],
      inspector: await actorFor('inspector'),
    },
    partyOrgIds,
    LEADER_DETAILS,
    DEMO_PASSWORD,
  );
}

/** Stands in for the scan of a 授权书 signed and stamped on paper by the party's 法定代表人. */
function demoOriginalScan(role: PartyRole): Promise<Buffer> {
  const org = ORGANIZATIONS[role];
  return demoPdf('法定代表人授权书（原件扫描件 · 演示数据）', [`授权单位：${org.name}`, `法定代表人：${org.legalRepresentative}（签字）`, '单位盖章：（演示）']);
}

// `npm run db:seed`: seed the database named by DATABASE_URL if it has no users yet.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { db } = await import('@/server/db/client');
  console.log((await seedDemoIfEmpty(db)) ? 'demo data created' : 'database already has users; nothing done');
  await db.$disconnect();
}
