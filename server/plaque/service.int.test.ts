import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LEADER_TITLE, type PartyRole } from '@/server/authz/roles';
import { db } from '@/server/db/client';
import { ZERO_HASH } from '@/server/ledger/chain';
import { recordEvent } from '@/server/ledger/record';
import { makeOrganization, makeProject, makeUser, seat } from '@/tests/factories';
import { maskIdNumber, maskPhone } from '@/server/identity/mask';
import { publicBuildingRecord } from './service';

/** Real-looking personal data that must never reach the public record (身份证号 with valid check digits). */
const ID_NUMBERS: Record<PartyRole, string> = {
  OWNER: '350104198001010018',
  SURVEY: '350102198203150027',
  DESIGN: '35010319790808003X',
  CONSTRUCTION: '350104198511110039',
  SUPERVISION: '350105197712120045',
};
const PHONES: Record<PartyRole, string> = {
  OWNER: '13800138000',
  SURVEY: '13912345678',
  DESIGN: '15055556666',
  CONSTRUCTION: '18677778888',
  SUPERVISION: '17799990000',
};
const ROLES = Object.keys(ID_NUMBERS) as PartyRole[];

let project: Awaited<ReturnType<typeof makeProject>>;
const leaders = {} as Record<PartyRole, { id: string; login: string; name: string }>;
const orgNames = {} as Record<PartyRole, string>;
let formerLeader: { id: string; login: string; name: string };

beforeAll(async () => {
  project = await makeProject(db);
  for (const role of ROLES) {
    const org = await makeOrganization(db);
    orgNames[role] = org.name;
    await db.projectParty.create({ data: { projectId: project.id, role, organizationId: org.id } });
    const user = await makeUser(db, { organizationId: org.id });
    await db.user.update({ where: { id: user.id }, data: { phone: PHONES[role] } });
    const member = await seat(db, project.id, user.id, role, { leader: true });
    await db.projectMember.update({
      where: { id: member.id },
      data: { idNumber: ID_NUMBERS[role], qualificationType: '注册建造师', qualificationNo: `闽1352010${ROLES.indexOf(role)}0123` },
    });
    leaders[role] = user;
  }
  // The construction party's former 项目经理: a leader seat that has ended
  const former = await makeUser(db);
  await db.user.update({ where: { id: former.id }, data: { phone: '13311112222' } });
  const ended = await seat(db, project.id, former.id, 'CONSTRUCTION', { leader: true, ended: true });
  await db.projectMember.update({ where: { id: ended.id }, data: { idNumber: '350104196001010011' } });
  formerLeader = former;
  // Staff of a party are not on the plaque
  const staff = await makeUser(db);
  await seat(db, project.id, staff.id, 'SUPERVISION');
});

describe('publicBuildingRecord', () => {
  it('is null for a code no building has', async () => {
    expect(await publicBuildingRecord(db, 'BL-000000-9999')).toBeNull();
  });

  it('lists the five parties in order with their current 项目负责人 only', async () => {
    const building = project.buildings[0]!;
    const record = await publicBuildingRecord(db, building.code);
    expect(record).not.toBeNull();
    expect(record!.project).toEqual({ name: project.name, address: project.address });
    expect(record!.building).toMatchObject({ code: building.code, name: building.name, designWorkingLifeYears: 50, completedOn: null });
    expect(record!.parties).toEqual(
      ROLES.map((role) => ({ role, leaderTitle: LEADER_TITLE[role], organizationName: orgNames[role], leaderName: leaders[role].name })),
    );
    expect(JSON.stringify(record)).not.toContain(formerLeader.name);
    expect(record!.warranty).toBeNull();
  });

  it('contains no ID number, phone number, user id or login, masked or not', async () => {
    const record = await publicBuildingRecord(db, project.buildings[0]!.code);
    const json = JSON.stringify(record);
    for (const role of ROLES) {
      for (const secret of [ID_NUMBERS[role], PHONES[role], maskIdNumber(ID_NUMBERS[role]), maskPhone(PHONES[role]), leaders[role].id, leaders[role].login]) {
        expect(json).not.toContain(secret);
      }
    }
    expect(json).not.toContain('350104196001010011');
    expect(json).not.toContain('13311112222');
    // The chain head is hex and may hold digit runs of its own
    const withoutHash = JSON.stringify({ ...record, chain: null });
    expect(withoutHash).not.toMatch(/\d{17}[\dXx]/);
    expect(withoutHash).not.toMatch(/1[3-9]\d{9}/);
    expect(json).not.toContain('注册建造师');
  });

  it('shows a party with no organization or leader as null', async () => {
    const bare = await makeProject(db);
    const record = await publicBuildingRecord(db, bare.buildings[0]!.code);
    expect(record!.parties.map((p) => [p.role, p.organizationName, p.leaderName])).toEqual(ROLES.map((role) => [role, null, null]));
  });

  it('reports the verified chain: empty at first, then its length and head after an event', async () => {
    const bare = await makeProject(db);
    const building = bare.buildings[0]!;
    const before = await publicBuildingRecord(db, building.code);
    expect(before!.chain).toMatchObject({ ok: true, length: 0, head: ZERO_HASH });

    const row = await db.$transaction((tx) =>
      recordEvent(tx, {
        buildingId: building.id,
        type: 'building.registered',
        actor: { id: leaders.OWNER.id, name: leaders.OWNER.name, role: 'OWNER' },
        subjects: { projectId: bare.id },
        data: { code: building.code },
      }),
    );
    const started = Date.now();
    const after = await publicBuildingRecord(db, building.code);
    expect(after!.chain).toMatchObject({ ok: true, length: 1, head: row.hash });
    expect(after!.chain.verifiedAt).toBeInstanceOf(Date);
    expect(after!.chain.verifiedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it('reports a broken chain by its first failing seq, without the verifier’s internal reason', async () => {
    // The break is logged for the operator (server/archive/chain-checks.ts): not in the test output
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bare = await makeProject(db);
    const building = bare.buildings[0]!;
    for (let n = 1; n <= 3; n++) {
      await db.$transaction((tx) => recordEvent(tx, { buildingId: building.id, type: 'test.event', actor: { system: true }, data: { n } }));
    }
    // Ledger rows refuse UPDATE (triggers): change seq 2 behind their back, as a superuser could
    await db.$transaction([
      db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" DISABLE TRIGGER ALL'),
      db.$executeRaw`UPDATE "LedgerEvent" SET canonical = replace(canonical, '"n":2', '"n":20') WHERE "buildingId" = ${building.id}::uuid AND seq = 2`,
      db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" ENABLE TRIGGER ALL'),
    ]);
    const record = await publicBuildingRecord(db, building.code);
    expect(record!.chain).toMatchObject({ ok: false, length: 1, brokenAt: 2 });
    expect(record!.chain).not.toHaveProperty('reason');
    expect(record!.chain).not.toHaveProperty('head');
    vi.restoreAllMocks();
  });

  it('formats dates as calendar days and the area as its decimal', async () => {
    const bare = await makeProject(db);
    const building = await db.building.update({
      where: { id: bare.buildings[0]!.id },
      data: {
        completedOn: new Date('2027-06-30'),
        plannedStartOn: new Date('2025-03-01'),
        grossArea: '12850.5',
        structureType: '框架-剪力墙结构',
        floorsAbove: 18,
        floorsBelow: 2,
        designWorkingLifeYears: 100,
      },
    });
    const record = await publicBuildingRecord(db, building.code);
    expect(record!.building).toMatchObject({
      completedOn: '2027-06-30',
      plannedStartOn: '2025-03-01',
      grossArea: '12850.50',
      structureType: '框架-剪力墙结构',
      floorsAbove: 18,
      floorsBelow: 2,
      designWorkingLifeYears: 100,
    });
  });
});
