import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { verifyChain } from '@/server/ledger/verify';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeSignedProject } from '@/tests/factories';
import { fieldErrors, refusedWith } from '@/tests/refusal';

/** 监督检查: the inspector of the region records a site inspection, signed; the parties read it. */

let site: Awaited<ReturnType<typeof makeSignedProject>>;
let inspector: Actor;
let foreignInspector: Actor;
const as = (actor: Actor) => callerFor(db, actor);

const counts = async () => ({
  inspections: await db.supervisionInspection.count(),
  events: await db.ledgerEvent.count(),
  signatures: await db.signature.count(),
});

beforeAll(async () => {
  site = await makeSignedProject(db);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  foreignInspector = await actorOf(db, (await makeInspector(db, ['350200'])).id);
});

const validInput = async () => {
  const seats = await db.projectMember.findMany({ where: { projectId: site.project.id, role: { in: ['CONSTRUCTION', 'SUPERVISION'] }, isLeader: true } });
  return {
    buildingId: site.building.id,
    inspectedOn: '2026-11-28',
    scopes: ['ENTITY_QUALITY', 'CONDUCT'] as ('ENTITY_QUALITY' | 'CONDUCT')[],
    presentMemberIds: seats.map((s) => s.id),
    othersPresent: '分包单位：闽台钢筋劳务 陈师傅',
    findings: '6 层梁柱节点箍筋加密区间距抽查 12 处，2 处超差；旁站记录齐全。',
    outcome: 'CORRECTED_ON_SITE' as const,
    photoIds: [] as string[],
    password: FACTORY_PASSWORD,
    idempotencyKey: randomUUID(),
  };
};

describe('监督检查记录', () => {
  test('the inspector records it with a photo: signed, one ledger event naming content and photo, names of who was present', async () => {
    const photo = await uploadPhoto(db, inspector, { buildingId: site.building.id, bytes: await samplePhoto(7001) });
    const input = { ...(await validInput()), photoIds: [photo.id] };
    const before = await counts();
    const { id } = await as(inspector).supervision.recordInspection(input);
    // A replay of the same submission makes nothing new.
    expect(await as(inspector).supervision.recordInspection(input)).toEqual({ id, replayed: true });
    expect(await counts()).toMatchObject({ inspections: before.inspections + 1, signatures: before.signatures + 1 });

    const row = await db.supervisionInspection.findUniqueOrThrow({ where: { id } });
    const event = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId: site.building.id, type: 'supervision.inspected' } });
    const body = JSON.parse(event.canonical);
    expect(body.files).toEqual(expect.arrayContaining([row.contentSha256, photo.sha256]));
    expect(body.actor).toMatchObject({ id: inspector.userId, role: 'INSPECTOR' });
    const signature = await db.signature.findFirstOrThrow({ where: { subjectType: 'SupervisionInspection', subjectId: id } });
    expect(signature).toMatchObject({ capacity: 'INSPECTOR', contentSha256: row.contentSha256, signerId: inspector.userId });

    const seen = await as(site.leaders.CONSTRUCTION).supervision.building({ buildingId: site.building.id });
    expect(seen.permissions.canRecord).toBe(false);
    expect(seen.seats).toEqual([]);
    const shown = seen.inspections.find((i) => i.id === id)!;
    expect(shown.present.map((p) => p.party).sort()).toEqual(['CONSTRUCTION', 'SUPERVISION']);
    expect(shown.present.map((p) => p.name)).toContain(site.leaders.CONSTRUCTION.name);
    expect(shown.inspector.name).toBe(inspector.name);
    expect(shown).not.toHaveProperty('content');
    expect(await verifyChain(db, site.building.id)).toMatchObject({ ok: true });
  });

  test('bad input, a wrong password, a stranger as present, a future date: refused, nothing written', async () => {
    const before = await counts();
    const input = await validInput();
    expect(await refusedWith(as(inspector).supervision.recordInspection({ ...input, password: 'not the password' }))).toBe('WRONG_PASSWORD');
    expect(await refusedWith(as(inspector).supervision.recordInspection({ ...input, presentMemberIds: [randomUUID()] }))).toBe('PRESENT_MEMBER_UNKNOWN');
    expect(await refusedWith(as(inspector).supervision.recordInspection({ ...input, inspectedOn: '2999-01-01' }))).toBe('DATE_IN_FUTURE');
    expect(await fieldErrors(as(inspector).supervision.recordInspection({ ...input, scopes: [] }))).toEqual({ scopes: 'validation.scopesRequired' });
    expect(await fieldErrors(as(inspector).supervision.recordInspection({ ...input, presentMemberIds: [], othersPresent: '' }))).toEqual({ presentMemberIds: 'validation.presentRequired' });
    expect(await fieldErrors(as(inspector).supervision.recordInspection({ ...input, findings: '  ' }))).toEqual({ findings: 'validation.required' });
    expect(await counts()).toEqual(before);
  });

  test('only the inspector of the region records; one from another region neither records nor reads', async () => {
    const input = await validInput();
    for (const actor of [site.leaders.CONSTRUCTION, site.leaders.SUPERVISION, site.engineer, foreignInspector]) {
      expect(await refusedWith(as(actor).supervision.recordInspection({ ...input, idempotencyKey: randomUUID() }))).toBe('FORBIDDEN');
    }
    expect(await refusedWith(as(foreignInspector).supervision.building({ buildingId: site.building.id }))).toBe('FORBIDDEN');
    const own = await as(inspector).supervision.building({ buildingId: site.building.id });
    expect(own.permissions.canRecord).toBe(true);
    expect(own.seats.length).toBeGreaterThanOrEqual(7);
  });

  test('the database refuses to change or delete a 监督检查记录', async () => {
    const row = await db.supervisionInspection.findFirstOrThrow();
    await expect(db.$executeRaw`UPDATE "SupervisionInspection" SET findings = 'x' WHERE id = ${row.id}::uuid`).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM "SupervisionInspection" WHERE id = ${row.id}::uuid`).rejects.toThrow();
    await expect(db.$executeRaw`TRUNCATE "SupervisionInspection"`).rejects.toThrow();
  });
});
