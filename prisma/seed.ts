/**
 * Demo data (Contract 2): one realistic project with the five parties, one
 * account per role, and a demo API token for the inspector. Runs on the
 * first `npm start` with the embedded database (or SEED_DEMO=1), or by hand
 * with `npm run db:seed`. Every account and the token are listed in README.
 */
import type { Db } from '@/server/db/client';
import { hashPassword } from '@/server/auth/password';
import { LEADER_TITLE, type PartyRole } from '@/server/authz/roles';
import { recordEvent } from '@/server/ledger/record';
import { hashToken } from '@/server/tokens/service';

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
export const DEMO_BUILDINGS = [
  { code: 'BL-350104-0001', name: '1#住宅楼' },
  { code: 'BL-350104-0002', name: '2#住宅楼' },
];

// Credit codes below are made up but carry valid GB 32100 check characters.
const ORGANIZATIONS = {
  OWNER: { name: '福州滨江置业有限公司', creditCode: '91350104MA2XKQ3B1M' },
  SURVEY: { name: '福建闽岩岩土工程勘察有限公司', creditCode: '91350100MA31P8QH5Y' },
  DESIGN: { name: '福州榕城建筑设计研究院有限公司', creditCode: '91350102MA2Y7B8L3C' },
  CONSTRUCTION: { name: '闽江建工集团有限公司', creditCode: '91350000MA34H9RT20' },
  SUPERVISION: { name: '福建正衡工程监理有限公司', creditCode: '91350103MA2WQ5DC7E' },
} satisfies Record<PartyRole, { name: string; creditCode: string }>;
const AGENCY = { name: '福州市建设工程质量安全监督站', creditCode: '12350100MB0N12345F', regionCodes: ['350100'] };

interface DemoAccount {
  login: string;
  name: string;
  phone: string;
  party?: PartyRole;
  leader?: boolean;
  title: string;
  role?: 'ADMIN' | 'INSPECTOR' | 'HOMEOWNER';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'admin', name: '系统管理员', phone: '13800000001', role: 'ADMIN', title: '系统管理员' },
  { login: 'owner.leader', name: '陈建华', phone: '13800000002', party: 'OWNER', leader: true, title: LEADER_TITLE.OWNER },
  { login: 'survey.leader', name: '林志远', phone: '13800000003', party: 'SURVEY', leader: true, title: LEADER_TITLE.SURVEY },
  { login: 'design.leader', name: '黄雅琴', phone: '13800000004', party: 'DESIGN', leader: true, title: LEADER_TITLE.DESIGN },
  { login: 'construction.leader', name: '王海峰', phone: '13800000005', party: 'CONSTRUCTION', leader: true, title: LEADER_TITLE.CONSTRUCTION },
  { login: 'supervision.leader', name: '郑国平', phone: '13800000006', party: 'SUPERVISION', leader: true, title: LEADER_TITLE.SUPERVISION },
  { login: 'construction.qc', name: '刘晓明', phone: '13800000007', party: 'CONSTRUCTION', title: '项目专业质量检查员' },
  { login: 'supervision.engineer', name: '张丽萍', phone: '13800000008', party: 'SUPERVISION', title: '专业监理工程师' },
  { login: 'inspector', name: '吴振宇', phone: '13800000009', role: 'INSPECTOR', title: '质量监督员' },
  { login: 'homeowner', name: '李梅', phone: '13800000010', role: 'HOMEOWNER', title: '业主' },
];

export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: Db): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.$transaction(
    async (tx) => {
      const orgIds = {} as Record<PartyRole, string>;
      for (const [role, org] of Object.entries(ORGANIZATIONS) as [PartyRole, (typeof ORGANIZATIONS)[PartyRole]][]) {
        orgIds[role] = (await tx.organization.create({ data: org })).id;
      }
      const agency = await tx.organization.create({ data: { ...AGENCY, kind: 'QUALITY_AGENCY' } });

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
            create: DEMO_ACCOUNTS.filter((a) => a.party).map((a) => ({
              role: a.party!,
              userId: users[a.login]!,
              isLeader: a.leader ?? false,
              title: a.title,
            })),
          },
        },
      });

      const owner = DEMO_ACCOUNTS.find((a) => a.login === 'owner.leader')!;
      for (const [b, building] of DEMO_BUILDINGS.entries()) {
        const row = await tx.building.create({ data: { ...building, projectId: project.id } });
        const units = [];
        for (let floor = 1; floor <= 18; floor++) {
          for (const door of ['01', '02']) units.push({ buildingId: row.id, number: `${b + 1}-${floor}${door}` });
        }
        await tx.unit.createMany({ data: units });
        await recordEvent(tx, {
          buildingId: row.id,
          type: 'building.registered',
          actor: { id: users['owner.leader']!, name: owner.name, role: 'OWNER' },
          subjects: { projectId: project.id },
          data: { code: building.code, name: building.name, project: project.name },
        });
      }

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
}

// `npm run db:seed`: seed the database named by DATABASE_URL if it has no users yet.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { db } = await import('@/server/db/client');
  console.log((await seedDemoIfEmpty(db)) ? 'demo data created' : 'database already has users; nothing done');
  await db.$disconnect();
}
