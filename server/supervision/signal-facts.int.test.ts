import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject, makeUser, rebarSelfCheck } from '@/tests/factories';
import { SIGNAL_RULES } from './dashboard';
import { signalsFromRecords } from './signals-from-records';

/**
 * The desk's stored facts and counts (docs/decisions/011) after a varied series of writes —
 * through the services, concurrently, and as raw multi-row SQL out of time order — always equal
 * a recomputation from the records themselves, and so does what the desk shows.
 */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let other: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
let admin: Actor;
const as = (actor: Actor) => callerFor(db, actor);
const key = () => ({ password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
let photoSeed = 9300;
const photo = async (by: Actor, buildingId: string, takenAt = daysAgo(0)) =>
  (await uploadPhoto(db, by, { buildingId, bytes: await samplePhoto(photoSeed++, { takenAt }) })).id;

async function plan(buildingId: string, name: string) {
  return (await as(site.qc).inspections.createLot({ buildingId, subdivisionCode: '0201', itemCode: '020102', name, location: '3 层', capacity: 20, capacityUnit: 't' })).id;
}
function submit(lotId: string, measured: number[], photoIds: string[] = []) {
  return as(site.qc).inspections.submit(rebarSelfCheck(lotId, measured, photoIds));
}

/** Stored counts and the desk, against the records, for every project. */
async function expectConsistent() {
  const truth = await signalsFromRecords(db);
  const stored = new Map((await db.projectSignalCount.findMany()).map((c) => [c.projectId, c]));
  for (const [projectId, t] of truth) {
    const c = stored.get(projectId);
    expect({ projectId, ...pickStored(c) }).toEqual({
      projectId,
      buildings: t.buildings,
      NOT_REGISTERED: t.NOT_REGISTERED,
      SUSPENDED: t.SUSPENDED,
      NOTICES_OPEN: t.NOTICES_OPEN,
      LOTS_REJECTED: t.LOTS_REJECTED,
      IDENTICAL_READINGS: t.IDENTICAL_READINGS,
      RAPID_SIGNING: t.RAPID_SIGNING,
      PHOTO_TIME_FLAGS: t.PHOTO_TIME_FLAGS,
      PHOTOS_POSSIBLY_REUSED: t.PHOTOS_POSSIBLY_REUSED,
    });
  }
  // What the desk shows, the clock-relative signals evaluated as it reads, equals the records too.
  const desk = await as(admin).supervision.dashboard({});
  expect(desk.matched).toBe(truth.size);
  for (const p of desk.projects) expect({ id: p.id, buildings: p.buildings, noticeMaxDaysLate: p.noticeMaxDaysLate, ...p.signals }).toEqual({ id: p.id, ...truth.get(p.id) });
  return truth;
}
const pickStored = (c: Awaited<ReturnType<typeof db.projectSignalCount.findMany>>[number] | undefined) => ({
  buildings: c?.buildings ?? 0,
  NOT_REGISTERED: c?.notRegistered ?? 0,
  SUSPENDED: c?.suspended ?? 0,
  NOTICES_OPEN: c?.noticesOpen ?? 0,
  LOTS_REJECTED: c?.lotsRejected ?? 0,
  IDENTICAL_READINGS: c?.identicalReadings ?? 0,
  RAPID_SIGNING: c?.rapidSigning ?? 0,
  PHOTO_TIME_FLAGS: c?.photoTimeFlags ?? 0,
  PHOTOS_POSSIBLY_REUSED: c?.photosPossiblyReused ?? 0,
});

beforeAll(async () => {
  site = await makeSignedProject(db, { regionCode: '350104' });
  other = await makeSignedProject(db, { regionCode: '350102' });
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
});

describe('the desk summary', () => {
  test('follows buildings as they are added, registered and given a completion date', async () => {
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ buildings: 1, NOT_REGISTERED: 1, COMPLETION_SOON: 0 });
    await db.building.update({ where: { id: site.building.id }, data: { supervisionRegisteredAt: new Date() } });
    const second = await db.building.create({ data: { projectId: site.project.id, code: `SF-${randomUUID().slice(0, 8)}`, name: '2#楼', plannedCompletionOn: daysAgo(-10) } });
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ buildings: 2, NOT_REGISTERED: 1, COMPLETION_SOON: 1 });
    await db.building.update({ where: { id: second.id }, data: { plannedCompletionOn: daysAgo(-90) } });
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ COMPLETION_SOON: 0 });
  });

  test('follows 检验批 through rejection and rework, identical readings, rapid signing and photos', async () => {
    const b = site.building.id;
    const early = await photo(site.qc, b, daysAgo(3)); // taken three days before it reached the server
    const firstLot = await plan(b, '3F 梁钢筋');
    const first = await submit(firstLot, [4, 4, 4, 4, 4], [early]);
    const second = await submit(await plan(b, '3F 板钢筋'), [2, -3, 5, 1, 4], [early]); // the same picture again
    await as(site.engineer).inspections.review({ recordId: first.id, decision: 'REJECTED', reasons: '箍筋间距超差', ...key() });
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ LOTS_REJECTED: 1, IDENTICAL_READINGS: 1, RAPID_SIGNING: 1, PHOTO_TIME_FLAGS: 1, PHOTOS_POSSIBLY_REUSED: 1 });
    // The rework supersedes the rejected record: no longer rejected, now awaiting the 监理.
    const rework = await submit(firstLot, [2, 1, -1, 3, 0]);
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ LOTS_REJECTED: 0, IDENTICAL_READINGS: 1 });
    await as(site.engineer).inspections.review({ recordId: rework.id, decision: 'ACCEPTED', ...key() });
    await as(site.engineer).inspections.review({ recordId: second.id, decision: 'ACCEPTED', ...key() });
    await expectConsistent();
  });

  test('follows records written as raw multi-row SQL, old and out of time order', async () => {
    const lots = await Promise.all(['1F 柱钢筋', '1F 墙钢筋', '1F 梁钢筋', '1F 板钢筋'].map((name) => plan(site.building.id, name)));
    const at = (d: number, s: number) => new Date(daysAgo(d).getTime() + s * 1000);
    const insert = (rows: [string, Date][]) =>
      db.$executeRawUnsafe(
        `INSERT INTO "InspectionRecord" (id, "lotId", "buildingId", content, "contentSha256", verdict, "submittedById", "submittedAt")
         SELECT gen_random_uuid(), lot, $1::uuid, '{"items":[]}', repeat('0', 64), 'PASS', $2::uuid, at
         FROM unnest($3::uuid[], $4::timestamp[]) AS x(lot, at)`,
        site.building.id,
        site.qc.userId,
        rows.map((r) => r[0]),
        rows.map((r) => r[1].toISOString().replace('Z', '')),
      );
    // Two in one statement 3 s apart, ten days ago: both await review too long, the second is rapid.
    const start = (await expectConsistent()).get(site.project.id)!;
    await insert([
      [lots[0]!, at(10, 0)],
      [lots[1]!, at(10, 3)],
    ]);
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ REVIEW_OVERDUE: start.REVIEW_OVERDUE + 2, RAPID_SIGNING: start.RAPID_SIGNING + 1 });
    // One 30 s before another old one: not rapid. Then one between them, 5 s before the later: that later one becomes rapid.
    await insert([[lots[2]!, at(12, 30)]]);
    await insert([[lots[3]!, at(12, 0)]]);
    const before = (await expectConsistent()).get(site.project.id)!.RAPID_SIGNING;
    const lot = await plan(site.building.id, '1F 楼梯钢筋');
    await insert([[lot, at(12, 25)]]);
    expect((await expectConsistent()).get(site.project.id)!.RAPID_SIGNING).toBe(before + 1);
  });

  test('follows notices through answers, returns and verifications, two of them at once', async () => {
    const b = site.building.id;
    const notice = await as(inspector).notices.issue({
      buildingId: b,
      partyRole: 'CONSTRUCTION',
      basis: '条例 第四十八条',
      issuedOn: daysAgo(12).toISOString().slice(0, 10),
      deadline: daysAgo(4).toISOString().slice(0, 10),
      items: [
        { finding: '箍筋间距超差', basis: 'GB 50204-2015', requiredAction: '返工' },
        { finding: '钢筋未挂牌', basis: 'GB 50204-2015', requiredAction: '挂牌' },
      ],
      ...key(),
    });
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ NOTICES_OPEN: 1, NOTICES_OVERDUE: 1 });
    const items = await db.rectificationItem.findMany({ where: { noticeId: notice.id }, orderBy: { position: 'asc' } });
    const contractor = site.leaders.CONSTRUCTION;
    const answer = async (itemId: string) => (await as(contractor).notices.respond({ itemId, actionTaken: '已整改', photoIds: [await photo(contractor, b)], ...key() })).id;
    const [a1, a2] = [await answer(items[0]!.id), await answer(items[1]!.id)];
    await as(inspector).notices.verify({ responseId: a2, decision: 'RETURNED', reason: '照片不清晰', ...key() });
    const a3 = await answer(items[1]!.id);
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ NOTICES_OPEN: 1 });
    // The two last items verified at the same moment, in two transactions: the notice closes.
    await Promise.all([a1, a3].map((responseId) => as(inspector).notices.verify({ responseId, decision: 'VERIFIED', ...key() })));
    expect((await expectConsistent()).get(site.project.id)).toMatchObject({ NOTICES_OPEN: 0, NOTICES_OVERDUE: 0 });
  });

  test('follows a suspension and its 复工', async () => {
    const { id } = await as(inspector).suspensions.order({ buildingId: other.building.id, issuer: 'INSPECTOR', scopeCodes: ['0202'], reason: '砂浆试块不合格', basis: '条例 第四十八条', ...key() });
    expect((await expectConsistent()).get(other.project.id)).toMatchObject({ SUSPENDED: 1 });
    await as(inspector).suspensions.resume({ suspensionId: id, findings: '复查合格', ...key() });
    expect((await expectConsistent()).get(other.project.id)).toMatchObject({ SUSPENDED: 0 });
  });

  test('counts one signer writing in two buildings at the same moment once', async () => {
    // Two transactions, each holding its record open for a while: the second waits for the first
    // (one writer per signer), then sees it and marks itself rapid.
    const lots = [await plan(site.building.id, '4F 梁钢筋'), await plan(site.building.id, '4F 板钢筋')];
    const buildings = [site.building.id, other.building.id];
    const before = await expectConsistent();
    const now = daysAgo(30).getTime(); // far from the signer's other records
    await Promise.all(
      [0, 1].map((i) =>
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO "InspectionRecord" (id, "lotId", "buildingId", content, "contentSha256", verdict, "submittedById", "submittedAt")
             VALUES (gen_random_uuid(), $1::uuid, $2::uuid, '{"items":[]}', repeat('0', 64), 'PASS', $3::uuid, $4::timestamp)`,
            lots[i],
            buildings[i],
            site.qc.userId,
            new Date(now + i * 2000).toISOString().replace('Z', ''),
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
        }),
      ),
    );
    const after = await expectConsistent();
    const rapid = (t: typeof after) => t.get(site.project.id)!.RAPID_SIGNING + t.get(other.project.id)!.RAPID_SIGNING;
    expect(rapid(after)).toBe(rapid(before) + 1);
  });

  test('refreshing every fact from the records changes nothing', async () => {
    const facts = () => db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "SignalFact" ORDER BY signal, "subjectId"`);
    const [beforeFacts, beforeCounts] = [await facts(), await db.projectSignalCount.findMany({ orderBy: { projectId: 'asc' } })];
    expect(beforeFacts.length).toBeGreaterThan(10);
    await db.$executeRawUnsafe(`SELECT "desk_refresh_buildings"(array_agg(id)) FROM "Building"`);
    await db.$executeRawUnsafe(`SELECT "desk_refresh_records"(array_agg(id)) FROM "InspectionRecord"`);
    await db.$executeRawUnsafe(`SELECT "desk_refresh_notices"(array_agg(id)) FROM "RectificationNotice"`);
    await db.$executeRawUnsafe(`SELECT "desk_refresh_suspensions"(array_agg(id)) FROM "Suspension"`);
    await db.$executeRawUnsafe(`SELECT "desk_refresh_photos"(array_agg(id)) FROM "Photo"`);
    expect(await facts()).toEqual(beforeFacts);
    expect(await db.projectSignalCount.findMany({ orderBy: { projectId: 'asc' } })).toEqual(beforeCounts);
    await expect(db.$executeRawUnsafe(`UPDATE "SignalFact" SET at = now()`)).rejects.toThrow();
  });

  test('the thresholds stored into facts are the ones the desk states', async () => {
    const [row] = await db.$queryRawUnsafe<{ seconds: number; readings: number }[]>(`SELECT "desk_rapid_signing_seconds"() AS seconds, "desk_identical_readings_min"() AS readings`);
    expect(row).toEqual({ seconds: SIGNAL_RULES.rapidSigningSeconds, readings: SIGNAL_RULES.identicalReadingsMin });
    const [later] = await db.$queryRawUnsafe<{ filing: number; normal: number; emergency: number }[]>(`SELECT "desk_filing_days"() AS filing, "desk_response_hours"(false) AS normal, "desk_response_hours"(true) AS emergency`);
    expect(later).toEqual({ filing: SIGNAL_RULES.filingDays, normal: SIGNAL_RULES.claimResponseHours.normal, emergency: SIGNAL_RULES.claimResponseHours.emergency });
  });
});
