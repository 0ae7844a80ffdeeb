import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { verifyChain } from '@/server/ledger/verify';
import { chinaDate } from '@/server/dates';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject } from '@/tests/factories';
import { fieldErrors, refusedWith } from '@/tests/refusal';

/** 整改通知单 (supervision.md §3): issued by the inspector, answered by the party's 项目负责人, verified or returned. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let other: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
let foreignInspector: Actor;
let lotId: string;
let findingPhotoId: string;
const as = (actor: Actor) => callerFor(db, actor);
let photoSeed = 9000;

const counts = async () => ({
  notices: await db.rectificationNotice.count(),
  items: await db.rectificationItem.count(),
  responses: await db.rectificationResponse.count(),
  verifications: await db.rectificationVerification.count(),
  events: await db.ledgerEvent.count(),
  signatures: await db.signature.count(),
  recordPhotos: await db.recordPhoto.count(),
});
const daysFromToday = (days: number) => new Date(Date.parse(chinaDate()) + days * 86_400_000).toISOString().slice(0, 10);
const newPhoto = async (by: Actor, buildingId = site.building.id) => (await uploadPhoto(db, by, { buildingId, bytes: await samplePhoto(photoSeed++) })).id;

beforeAll(async () => {
  site = await makeSignedProject(db);
  other = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  foreignInspector = await actorOf(db, (await makeInspector(db, ['350200'])).id);
  lotId = (await as(site.qc).inspections.createLot({ buildingId: site.building.id, subdivisionCode: '0201', itemCode: '020102', name: '6F 柱钢筋', location: '6 层 1–12 轴', capacity: 20, capacityUnit: 't' })).id;
  findingPhotoId = await newPhoto(inspector);
});

const issueInput = (extra: Record<string, unknown> = {}) => ({
  buildingId: site.building.id,
  partyRole: 'CONSTRUCTION' as const,
  basis: '《建设工程质量管理条例》第四十八条',
  issuedOn: chinaDate(),
  deadline: daysFromToday(7),
  items: [
    { finding: '6 层 3 轴柱箍筋加密区间距 150 mm', basis: 'GB 50204-2015 第 5.5.1 条', requiredAction: '按设计加密箍筋', lotIds: [lotId], photoIds: [findingPhotoId] },
    { finding: '钢筋保护层垫块缺失', basis: 'GB 50204-2015 第 5.5.3 条', requiredAction: '补设垫块' },
  ],
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
});
const respondInput = async (itemId: string, extra: Record<string, unknown> = {}) => ({
  itemId,
  actionTaken: '已按设计加密箍筋，监理复查合格',
  photoIds: [await newPhoto(site.leaders.CONSTRUCTION)],
  password: FACTORY_PASSWORD,
  idempotencyKey: randomUUID(),
  ...extra,
});
const verifyInput = (responseId: string, decision: 'VERIFIED' | 'RETURNED', reason = '') => ({ responseId, decision, reason, password: FACTORY_PASSWORD, idempotencyKey: randomUUID() });

describe('整改通知单', () => {
  test('issued, answered with photos, one item returned and answered again, all verified: the notice closes; each step signed and in the ledger', async () => {
    const before = await counts();
    const input = issueInput();
    const { id, number } = await as(inspector).notices.issue(input);
    expect(number).toBe(`整改-${chinaDate().slice(0, 4)}-001`);
    expect(await as(inspector).notices.issue(input)).toEqual({ id, number, replayed: true });
    expect(await counts()).toMatchObject({ notices: before.notices + 1, items: before.items + 2, signatures: before.signatures + 1 });
    const notice = await db.rectificationNotice.findUniqueOrThrow({ where: { id } });
    const issued = JSON.parse((await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'notice.issued' } })).canonical);
    const findingSha = (await db.photo.findUniqueOrThrow({ where: { id: findingPhotoId } })).sha256;
    expect(issued.files).toEqual(expect.arrayContaining([notice.contentSha256, findingSha]));
    expect(issued.actor).toMatchObject({ id: inspector.userId, role: 'INSPECTOR' });

    let page = await as(site.leaders.CONSTRUCTION).notices.get({ noticeId: id });
    expect(page.permissions).toEqual({ canRespond: true, canVerify: false });
    expect(page.items.map((i) => i.state)).toEqual(['AWAITING_RESPONSE', 'AWAITING_RESPONSE']);
    expect(page.items[0]!.lots.map((l) => l.id)).toEqual([lotId]);
    expect(page.notice).toMatchObject({ closed: false, overdueDays: 0, partyRole: 'CONSTRUCTION' });
    const [first, second] = page.items;

    const answer = await respondInput(first!.id);
    const r1 = await as(site.leaders.CONSTRUCTION).notices.respond(answer);
    expect(await as(site.leaders.CONSTRUCTION).notices.respond(answer)).toEqual({ id: r1.id, replayed: true });
    // A second answer while the first awaits the inspector is refused.
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(first!.id)))).toBe('NOTICE_ITEM_AWAITS_VERIFICATION');
    const responded = JSON.parse((await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'notice.responded' } })).canonical);
    const answerSha = (await db.photo.findUniqueOrThrow({ where: { id: answer.photoIds[0]! } })).sha256;
    const r1Row = await db.rectificationResponse.findUniqueOrThrow({ where: { id: r1.id } });
    expect(responded.files).toEqual(expect.arrayContaining([r1Row.contentSha256, answerSha]));
    expect(responded.actor).toMatchObject({ id: site.leaders.CONSTRUCTION.userId, role: 'CONSTRUCTION' });
    const r2 = await as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(second!.id, { actionTaken: '已补设垫块' }));

    await as(inspector).notices.verify(verifyInput(r1.id, 'VERIFIED'));
    await as(inspector).notices.verify(verifyInput(r2.id, 'RETURNED', '垫块间距仍大于 1 m，重新整改'));
    expect(await refusedWith(as(inspector).notices.verify(verifyInput(r2.id, 'VERIFIED')))).toBe('NOTICE_RESPONSE_ALREADY_VERIFIED');
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(first!.id)))).toBe('NOTICE_ITEM_ALREADY_VERIFIED');
    page = await as(inspector).notices.get({ noticeId: id });
    expect(page.items.map((i) => i.state)).toEqual(['VERIFIED', 'AWAITING_RESPONSE']);
    expect(page.notice.closed).toBe(false);

    // The answer again points at the one returned.
    const r3 = await as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(second!.id, { actionTaken: '垫块间距已调整为 0.8 m' }));
    expect((await db.rectificationResponse.findUniqueOrThrow({ where: { id: r3.id } })).previousId).toBe(r2.id);
    page = await as(inspector).notices.get({ noticeId: id });
    expect(page.items[1]!.state).toBe('RESPONDED');
    await as(inspector).notices.verify(verifyInput(r3.id, 'VERIFIED'));

    page = await as(site.leaders.OWNER).notices.get({ noticeId: id });
    expect(page.notice.closed).toBe(true);
    expect(page.items[1]!.responses.map((r) => r.verification?.decision)).toEqual(['RETURNED', 'VERIFIED']);
    expect(page.items[1]!.responses[0]!.verification!.verifiedBy).toMatchObject({ name: inspector.name, capacity: 'INSPECTOR' });
    expect(page.items[1]!.responses[1]!.respondedBy).toMatchObject({ name: site.leaders.CONSTRUCTION.name, capacity: 'CONSTRUCTION' });
    expect(page.items[1]!.responses[1]!.photos).toHaveLength(1);
    const list = await as(site.leaders.OWNER).notices.building({ buildingId: site.building.id });
    expect(list.notices.find((n) => n.id === id)).toMatchObject({ closed: true, verifiedCount: 2, itemCount: 2 });
    expect(list.records).toBeNull();
    const types = (await db.ledgerEvent.findMany({ where: { buildingId: site.building.id, type: { startsWith: 'notice.' } }, orderBy: { seq: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['notice.issued', 'notice.responded', 'notice.responded', 'notice.verified', 'notice.returned', 'notice.responded', 'notice.verified']);
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });

  test('an answer without a photo, or with a photo that is not new, is refused and writes nothing', async () => {
    const { id } = await as(inspector).notices.issue(issueInput());
    const item = (await as(inspector).notices.get({ noticeId: id })).items[0]!;
    const before = await counts();
    expect(await fieldErrors(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id, { photoIds: [] })))).toEqual({ photoIds: 'validation.photoRequired' });
    // The notice's own photo of the defect, and a photo already of another record, prove nothing done.
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id, { photoIds: [findingPhotoId] })))).toBe('NOTICE_PHOTO_NOT_NEW');
    const used = await db.recordPhoto.findFirstOrThrow({ where: { buildingId: site.building.id } });
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id, { photoIds: [used.photoId] })))).toBe('NOTICE_PHOTO_NOT_NEW');
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id, { photoIds: [await newPhoto(other.leaders.CONSTRUCTION, other.building.id)] })))).toBe('PHOTO_NOT_FOUND');
    expect(await refusedWith(as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id, { password: 'not the password' })))).toBe('WRONG_PASSWORD');
    expect(await counts()).toEqual(before);
  });

  test('overdue is derived from the deadline and today in China, and ends only with closure', async () => {
    const { id } = await as(inspector).notices.issue(issueInput({ issuedOn: daysFromToday(-10), deadline: daysFromToday(-3) }));
    const list = await as(site.leaders.CONSTRUCTION).notices.building({ buildingId: site.building.id });
    expect(list.notices.find((n) => n.id === id)).toMatchObject({ closed: false, overdueDays: 3, deadline: daysFromToday(-3) });
    const dueToday = await as(inspector).notices.issue(issueInput({ deadline: chinaDate() }));
    expect((await as(inspector).notices.get({ noticeId: dueToday.id })).notice.overdueDays).toBe(0);
  });

  test('bad input and broken rules are refused and write nothing', async () => {
    const otherLot = (await as(other.qc).inspections.createLot({ buildingId: other.building.id, subdivisionCode: '0201', itemCode: '020102', name: '1F 钢筋', location: '1 层', capacity: 5, capacityUnit: 't' })).id;
    const afterLot = await counts();
    const item = issueInput().items[0]!;
    expect(await refusedWith(as(inspector).notices.issue(issueInput({ items: [{ ...item, lotIds: [otherLot] }] })))).toBe('NOTICE_RECORD_NOT_FOUND');
    expect(await refusedWith(as(inspector).notices.issue(issueInput({ items: [{ ...item, photoIds: [randomUUID()] }] })))).toBe('NOTICE_RECORD_NOT_FOUND');
    expect(await refusedWith(as(inspector).notices.issue(issueInput({ supervisionInspectionId: randomUUID() })))).toBe('SUPERVISION_INSPECTION_NOT_FOUND');
    expect(await refusedWith(as(inspector).notices.issue(issueInput({ issuedOn: '2999-01-01', deadline: '2999-02-01' })))).toBe('DATE_IN_FUTURE');
    expect(await refusedWith(as(inspector).notices.issue(issueInput({ password: 'not the password' })))).toBe('WRONG_PASSWORD');
    expect(await fieldErrors(as(inspector).notices.issue(issueInput({ deadline: daysFromToday(-1) })))).toEqual({ deadline: 'validation.deadlineBeforeIssue' });
    expect(await fieldErrors(as(inspector).notices.issue(issueInput({ items: [] })))).toEqual({ items: 'validation.itemsRequired' });
    expect(await fieldErrors(as(inspector).notices.verify(verifyInput(randomUUID(), 'RETURNED')))).toEqual({ reason: 'validation.returnReason' });
    expect(await counts()).toEqual(afterLot);
  });

  test('only the inspector of the region issues and verifies; only the addressed party\'s 项目负责人 answers; a foreign inspector sees nothing', async () => {
    const { id } = await as(inspector).notices.issue(issueInput());
    const item = (await as(inspector).notices.get({ noticeId: id })).items[0]!;
    for (const actor of [site.leaders.CONSTRUCTION, site.leaders.SUPERVISION, site.qc, foreignInspector]) {
      expect(await refusedWith(as(actor).notices.issue(issueInput()))).toBe('FORBIDDEN');
    }
    // The 质检员 of the addressed party, and the leaders of other parties, do not answer.
    for (const actor of [site.qc, site.leaders.SUPERVISION, site.leaders.OWNER, inspector, foreignInspector]) {
      expect(await refusedWith(as(actor).notices.respond(await respondInput(item.id)))).toBe('FORBIDDEN');
    }
    const { id: responseId } = await as(site.leaders.CONSTRUCTION).notices.respond(await respondInput(item.id));
    for (const actor of [site.leaders.CONSTRUCTION, site.leaders.SUPERVISION, foreignInspector]) {
      expect(await refusedWith(as(actor).notices.verify(verifyInput(responseId, 'VERIFIED')))).toBe('FORBIDDEN');
    }
    expect(await refusedWith(as(foreignInspector).notices.get({ noticeId: id }))).toBe('FORBIDDEN');
    expect(await refusedWith(as(foreignInspector).notices.building({ buildingId: site.building.id }))).toBe('FORBIDDEN');
    const own = await as(inspector).notices.building({ buildingId: site.building.id });
    expect(own.permissions.canIssue).toBe(true);
    expect(own.records!.lots.map((l) => l.id)).toContain(lotId);
    expect((await as(site.qc).notices.get({ noticeId: id })).permissions).toEqual({ canRespond: false, canVerify: false });
  });

  test('the database refuses to change or delete notices, items, responses and verifications', async () => {
    for (const table of ['RectificationNotice', 'RectificationItem', 'RectificationResponse', 'RectificationVerification']) {
      const [row] = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table}" LIMIT 1`);
      expect(row).toBeDefined();
      await expect(db.$executeRawUnsafe(`UPDATE "${table}" SET id = id WHERE id = $1::uuid`, row!.id)).rejects.toThrow(/immutable/);
      await expect(db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE id = $1::uuid`, row!.id)).rejects.toThrow(/immutable/);
      await expect(db.$executeRawUnsafe(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(/immutable/);
    }
  });
});
