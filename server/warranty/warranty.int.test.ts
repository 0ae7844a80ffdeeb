import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { chinaDate } from '@/server/dates';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { photoFile } from '@/server/evidence/files';
import { verifyChain } from '@/server/ledger/verify';
import { actorOf, callerFor, makeInspector, makeSignedProject } from '@/tests/factories';
import { fieldErrors, refusedWith } from '@/tests/refusal';
import { claimState } from './claim-state';
import { addYears } from '@/server/dates';

/** Units, invitations and claims (warranty.md): each rule the server enforces, on a real database. */

type Site = Awaited<ReturnType<typeof makeSignedProject>>;
let site: Site;
let inspector: Actor;
let homeowner: Actor;
let neighbour: Actor;
let unitId: string;
let neighbourUnitId: string;
let photoSeed = 7000;
const as = (actor: Actor | null) => callerFor(db, actor);
const anonymous = callerFor(db, null);
/** Accepted three years ago: decoration (2 years) has ended, waterproofing (5 years) has not. */
const completedOn = addYears(chinaDate(), -3);
const newPhoto = async (by: Actor) => (await uploadPhoto(db, by, { buildingId: site.building.id, bytes: await samplePhoto(photoSeed++) })).id;
const claim = (extra: Record<string, unknown> = {}) => ({ unitId, category: 'WATERPROOFING' as const, location: '主卫', description: '主卫地面渗水至楼下顶棚', idempotencyKey: randomUUID(), ...extra });
const step = (claimId: string, kind: string, extra: Record<string, unknown> = {}) => ({ claimId, kind, text: '', idempotencyKey: randomUUID(), ...extra }) as Parameters<ReturnType<typeof as>['warranty']['addStep']>[0];

async function join(code: string, login: string, name: string) {
  const { id } = await anonymous.warranty.redeemInvitation({ code, name, phone: '13912345678', login, password: 'a-long-password', confirmPassword: 'a-long-password' });
  return actorOf(db, id);
}

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  await db.building.update({ where: { id: site.building.id }, data: { completedOn: new Date(`${completedOn}T00:00:00Z`) } });
});

describe('units and invitations', () => {
  test('the 建设单位 imports units from a CSV (header skipped, duplicates once); bad input changes nothing; others may not', async () => {
    const owner = as(site.leaders.OWNER);
    expect(await owner.warranty.importUnits({ buildingId: site.building.id, csv: '户号,面积\n1-101,89.5\n1-102,120\n1-101,89.5\n' })).toEqual({ created: 2, existing: 0 });
    expect(await owner.warranty.importUnits({ buildingId: site.building.id, csv: '1-102\n1-201' })).toEqual({ created: 1, existing: 1 });
    expect(await refusedWith(owner.warranty.importUnits({ buildingId: site.building.id, csv: '1-301\n1-302;DROP' }))).toBe('UNIT_NUMBER_INVALID');
    expect(await fieldErrors(owner.warranty.importUnits({ buildingId: site.building.id, csv: '  ' }))).toEqual({ csv: 'validation.required' });
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).warranty.importUnits({ buildingId: site.building.id, csv: '1-401' }))).toBe('FORBIDDEN');
    expect(await db.unit.count({ where: { buildingId: site.building.id } })).toBe(3);
  });

  test('an invitation code joins its buyer to the unit once; a used, expired or malformed code does not', async () => {
    const units = await db.unit.findMany({ where: { buildingId: site.building.id }, orderBy: { number: 'asc' } });
    unitId = units[0]!.id;
    neighbourUnitId = units[1]!.id;
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).warranty.issueInvitation({ unitId }))).toBe('FORBIDDEN');
    const { code } = await as(site.leaders.OWNER).warranty.issueInvitation({ unitId });
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await db.unitInvitation.count({ where: { codeHash: code } })).toBe(0); // kept only as a hash
    homeowner = await join(code.toLowerCase(), `owner-${randomUUID().slice(0, 8)}`, '业主甲');
    expect(await db.unitOwner.count({ where: { unitId, userId: homeowner.userId } })).toBe(1);
    expect(await refusedWith(join(code, `again-${randomUUID().slice(0, 8)}`, '业主乙'))).toBe('INVITATION_INVALID');
    const expired = await as(site.leaders.OWNER).warranty.issueInvitation({ unitId: neighbourUnitId });
    await db.unitInvitation.updateMany({ where: { unitId: neighbourUnitId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await refusedWith(join(expired.code, `late-${randomUUID().slice(0, 8)}`, '业主丙'))).toBe('INVITATION_EXPIRED');
    expect(await fieldErrors(join('not-a-code', 'x-user', '某'))).toMatchObject({ code: 'validation.invitationCode' });
    neighbour = await join((await as(site.leaders.OWNER).warranty.issueInvitation({ unitId: neighbourUnitId })).code, `nb-${randomUUID().slice(0, 8)}`, '邻居');
  });
});

describe('claims', () => {
  let claimId: string;

  test('filed from the unit with a photo: in warranty, until when, and who is responsible', async () => {
    const photoId = await newPhoto(homeowner);
    const result = await as(homeowner).warranty.fileClaim(claim({ photoIds: [photoId], emergency: true }));
    claimId = result.id;
    expect(result.inWarranty).toBe(true);
    const view = await as(homeowner).warranty.claim({ claimId });
    expect(view).toMatchObject({ state: 'OPEN', inWarranty: true, coveredUntil: addYears(completedOn, 5), overdue: false, emergency: true, allowedSteps: ['MESSAGE'] });
    expect(view.responsible).toBe((await db.organization.findUniqueOrThrow({ where: { id: site.orgs.CONSTRUCTION } })).name);
    expect(view.photos.map((p) => p.id)).toEqual([photoId]);
  });

  test('outside the warranty: answered at once with the reason, and kept on record', async () => {
    const { id, inWarranty } = await as(homeowner).warranty.fileClaim(claim({ category: 'DECORATION', location: '客厅', description: '墙面乳胶漆起皮' }));
    expect(inWarranty).toBe(false);
    const view = await as(homeowner).warranty.claim({ claimId: id });
    expect(view).toMatchObject({ state: 'DECLINED', closed: true, coveredUntil: addYears(completedOn, 2) });
    expect(view.steps.map((s) => [s.kind, s.actorRole, s.text])).toEqual([['DECLINED', 'SYSTEM', `OUT_OF_WARRANTY:${addYears(completedOn, 2)}`]]);
    expect(await refusedWith(as(homeowner).warranty.addStep(step(id, 'MESSAGE', { text: '请再核实' })))).toBe('CLAIM_CLOSED');
  });

  test('only the unit\'s homeowner or the 建设单位 files, and only for a completed building\'s unit', async () => {
    expect(await refusedWith(as(neighbour).warranty.fileClaim(claim()))).toBe('FORBIDDEN');
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).warranty.fileClaim(claim()))).toBe('FORBIDDEN');
    expect(await refusedWith(as(inspector).warranty.fileClaim(claim()))).toBe('FORBIDDEN');
    expect(await fieldErrors(as(homeowner).warranty.fileClaim(claim({ location: '' })))).toEqual({ location: 'validation.required' });
    const other = await makeSignedProject(db);
    const [unit] = await db.unit.createManyAndReturn({ data: [{ buildingId: other.building.id, number: '9-901' }] });
    expect(await refusedWith(as(other.leaders.OWNER).warranty.fileClaim(claim({ unitId: unit!.id })))).toBe('NOT_COMPLETED');
  });

  test('a homeowner sees only their own units\' claims, never another owner\'s name or phone', async () => {
    const mine = await as(homeowner).warranty.building({ buildingId: site.building.id });
    expect(mine.units.map((u) => u.id)).toEqual([unitId]);
    expect(mine.claims).toHaveLength(2);
    const theirs = await as(neighbour).warranty.building({ buildingId: site.building.id });
    expect(theirs.claims).toEqual([]);
    expect(await refusedWith(as(neighbour).warranty.claim({ claimId }))).toBe('FORBIDDEN');
    // The 施工单位 sees who to call; the inspector sees the phone masked.
    expect((await as(site.leaders.CONSTRUCTION).warranty.claim({ claimId })).filedBy).toEqual({ name: '业主甲', phone: '13912345678' });
    expect((await as(inspector).warranty.claim({ claimId })).filedBy.phone).toBe('139****5678');
    expect((await as(site.leaders.OWNER).warranty.building({ buildingId: site.building.id })).units.map((u) => u.joined)).toEqual([true, true, false]);
  });

  test('the 施工单位 acknowledges, schedules, repairs with photos; the homeowner reopens; repaired again; confirmed: closed for good', async () => {
    const contractor = as(site.leaders.CONSTRUCTION);
    expect(await refusedWith(as(homeowner).warranty.addStep(step(claimId, 'ACKNOWLEDGED')))).toBe('FORBIDDEN');
    expect(await refusedWith(contractor.warranty.addStep(step(claimId, 'CONFIRMED')))).toBe('FORBIDDEN');
    expect(await refusedWith(as(neighbour).warranty.addStep(step(claimId, 'MESSAGE', { text: '你好' })))).toBe('FORBIDDEN');
    expect(await refusedWith(as(homeowner).warranty.addStep(step(claimId, 'CONFIRMED')))).toBe('CLAIM_STEP_NOT_ALLOWED');
    await contractor.warranty.addStep(step(claimId, 'ACKNOWLEDGED', { text: '已收到' }));
    expect(await fieldErrors(contractor.warranty.addStep(step(claimId, 'VISIT_SCHEDULED')))).toEqual({ visitAt: 'validation.visitAtRequired' });
    // A phone's picker sends local time without an offset: it is China time.
    const { id: visitId } = await contractor.warranty.addStep(step(claimId, 'VISIT_SCHEDULED', { visitAt: '2026-12-08T09:30' }));
    expect((await db.warrantyClaimStep.findUniqueOrThrow({ where: { id: visitId } })).visitAt?.toISOString()).toBe('2026-12-08T01:30:00.000Z');
    expect(await fieldErrors(contractor.warranty.addStep(step(claimId, 'REPAIRED', { text: '已重做防水' })))).toEqual({ photoIds: 'validation.repairPhotosRequired' });
    await contractor.warranty.addStep(step(claimId, 'REPAIRED', { text: '重做卫生间防水层并闭水试验 48 小时', photoIds: [await newPhoto(site.leaders.CONSTRUCTION)] }));
    await as(homeowner).warranty.addStep(step(claimId, 'REOPENED', { text: '楼下仍有水渍' }));
    expect((await as(homeowner).warranty.claim({ claimId })).state).toBe('REOPENED');
    await contractor.warranty.addStep(step(claimId, 'REPAIRED', { text: '更换地漏并重做节点', photoIds: [await newPhoto(site.leaders.CONSTRUCTION)] }));
    await as(homeowner).warranty.addStep(step(claimId, 'MESSAGE', { text: '谢谢' }));
    await as(homeowner).warranty.addStep(step(claimId, 'CONFIRMED'));
    const view = await as(homeowner).warranty.claim({ claimId });
    expect(view).toMatchObject({ state: 'CLOSED', closed: true, allowedSteps: [] });
    expect(view.steps.map((s) => s.kind)).toEqual(['ACKNOWLEDGED', 'VISIT_SCHEDULED', 'REPAIRED', 'REOPENED', 'REPAIRED', 'MESSAGE', 'CONFIRMED']);
    expect(await refusedWith(contractor.warranty.addStep(step(claimId, 'MESSAGE', { text: '回访' })))).toBe('CLAIM_CLOSED');
  });

  test('the database refuses changes to claims and steps, and any step on a closed claim', async () => {
    await expect(db.warrantyClaim.update({ where: { id: claimId }, data: { location: '次卫' } })).rejects.toThrow();
    await expect(db.warrantyClaimStep.deleteMany({ where: { claimId } })).rejects.toThrow();
    await expect(
      db.warrantyClaimStep.create({ data: { claimId, buildingId: site.building.id, kind: 'MESSAGE', actorRole: 'HOMEOWNER', text: '—', content: '{}', contentSha256: '0'.repeat(64), at: new Date() } }),
    ).rejects.toThrow(/closed/);
  });

  test('a homeowner sees the photos of their claims and of construction, not another unit\'s claim photos', async () => {
    const neighbourPhoto = await newPhoto(neighbour);
    await as(neighbour).warranty.fileClaim({ unitId: neighbourUnitId, category: 'WATERPROOFING', location: '阳台', description: '阳台渗水', photoIds: [neighbourPhoto], idempotencyKey: randomUUID() });
    const claimPhoto = (await as(homeowner).warranty.claim({ claimId })).photos[0]!.id;
    expect(await photoFile(db, homeowner, claimPhoto, true)).toMatchObject({ mediaType: 'image/jpeg' });
    expect(await photoFile(db, homeowner, neighbourPhoto, true)).toMatchObject({ status: 403 });
    expect(await photoFile(db, site.leaders.CONSTRUCTION, neighbourPhoto, true)).toMatchObject({ mediaType: 'image/jpeg' });
  });

  test('every claim and step is a ledger event; the chain verifies; no homeowner name in it', async () => {
    const events = await db.ledgerEvent.findMany({ where: { buildingId: site.building.id, type: { startsWith: 'warranty.' } } });
    expect(events.length).toBe(3 + 1 + 7);
    expect(events.some((e) => e.canonical.includes('业主甲'))).toBe(false);
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });
});

describe('claimState: response deadlines and escalation', () => {
  const filedAt = new Date('2026-12-01T02:00:00Z');
  const hours = (h: number) => new Date(filedAt.getTime() + h * 3_600_000);
  test('7 days for a normal claim, 24 hours for an emergency; a visit answers it', () => {
    expect(claimState({ filedAt, emergency: false }, [], hours(168))).toMatchObject({ overdue: false, dueAt: hours(168) });
    expect(claimState({ filedAt, emergency: false }, [], hours(169))).toMatchObject({ overdue: true, overdueHours: 1 });
    expect(claimState({ filedAt, emergency: true }, [{ kind: 'ACKNOWLEDGED', at: hours(1) }], hours(25))).toMatchObject({ state: 'ACKNOWLEDGED', overdue: true });
    expect(claimState({ filedAt, emergency: true }, [{ kind: 'VISIT_SCHEDULED', at: hours(2) }], hours(200))).toMatchObject({ overdue: false, dueAt: null });
  });
  test('a reopening starts the clock again; a closed claim is never overdue', () => {
    const steps = [
      { kind: 'VISIT_SCHEDULED' as const, at: hours(2) },
      { kind: 'REPAIRED' as const, at: hours(50) },
      { kind: 'REOPENED' as const, at: hours(100) },
    ];
    expect(claimState({ filedAt, emergency: false }, steps, hours(267))).toMatchObject({ state: 'REOPENED', overdue: false });
    expect(claimState({ filedAt, emergency: false }, steps, hours(269))).toMatchObject({ overdue: true });
    expect(claimState({ filedAt, emergency: false }, [{ kind: 'DECLINED', at: hours(1) }], hours(1000))).toMatchObject({ state: 'DECLINED', closed: true, overdue: false });
  });
});
