import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { PARTY_ROLES, type PartyRole } from '@/server/authz/roles';
import { db } from '@/server/db/client';
import { idNumberCheckChar } from '@/server/identity/id-number';
import { verifyChain } from '@/server/ledger/verify';
import { serverPublicKey } from '@/server/ledger/server-key';
import { unwrap } from '@/server/signatures/keys';
import { verifySignature } from '@/server/signatures/statement';
import { fileStore, storeFile } from '@/server/storage';
import { actorOf, callerFor, FACTORY_PASSWORD, makeInspector, makeOrganization, makeProject, makeUser } from '@/tests/factories';

/**
 * The five parties sign their 授权书 and 承诺书; the gate opens only when all
 * have signed (with the 法定代表人's original); 变更 and corrections add
 * records, never change them; signatures verify from ledger data alone.
 */

const idNumber = (seq: number) => {
  const first17 = `35010419800101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e20000000049454e44ae426082', 'hex');

let project: Awaited<ReturnType<typeof makeProject>>;
let buildingId: string;
let admin: Actor;
let inspector: Actor;
const leader = {} as Record<PartyRole, Actor>;
const orgOf = {} as Record<PartyRole, string>;
let constructionStaff: Actor;
let nextConstructionLeader: Actor;

const as = (actor: Actor) => callerFor(db, actor);

async function refusal(promise: Promise<unknown>): Promise<{ code: string; domain?: string }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  const e = error as TRPCError;
  return { code: e.code, domain: e.message };
}

async function rowCounts() {
  const [documents, signatures, originals, events, keys, changes] = await Promise.all([
    db.pledgeDocument.count(),
    db.signature.count(),
    db.legalRepOriginal.count(),
    db.ledgerEvent.count(),
    db.signingKey.count(),
    db.leaderChange.count(),
  ]);
  return { documents, signatures, originals, events, keys, changes };
}

async function uploadOriginal(role: PartyRole, by: Actor) {
  const bytes = Buffer.concat([PNG, Buffer.from(`${role}-${Math.random()}`)]);
  const file = await storeFile(db, { bytes, mediaType: 'image/png', createdById: by.userId });
  return as(by).pledges.attachOriginal({ projectId: project.id, role, fileSha256: file.sha256 });
}

beforeAll(async () => {
  project = await makeProject(db, { regionCode: '350104', buildings: 1 });
  buildingId = project.buildings[0]!.id;
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
  inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
  for (const [i, role] of PARTY_ROLES.entries()) {
    const org = await makeOrganization(db);
    await db.organization.update({ where: { id: org.id }, data: { legalRepresentative: `法人${i}` } });
    orgOf[role] = org.id;
    leader[role] = await actorOf(db, (await makeUser(db, { organizationId: org.id })).id);
    await as(admin).parties.assign({ projectId: project.id, role, organizationId: org.id });
    await as(admin).parties.appointLeader({
      projectId: project.id,
      role,
      userId: leader[role].userId,
      idNumber: idNumber(i + 1),
      qualificationType: '一级注册建造师',
      qualificationNo: `闽1350608${i}234`,
    });
  }
  constructionStaff = await actorOf(db, (await makeUser(db, { organizationId: orgOf.CONSTRUCTION })).id);
  await as(leader.CONSTRUCTION).parties.addStaff({ projectId: project.id, role: 'CONSTRUCTION', userId: constructionStaff.userId, title: '质检员' });
  nextConstructionLeader = await actorOf(db, (await makeUser(db, { organizationId: orgOf.CONSTRUCTION })).id);
});

describe('signing the pledges', () => {
  test('before anyone signs, the gate names every missing document and refuses 质量监督登记', async () => {
    const { gate } = await as(leader.OWNER).projects.building({ buildingId });
    expect(gate!.ready).toBe(false);
    for (const role of gate!.roles) expect(role.missing).toEqual(['authorization', 'original', 'pledge']);
    expect(await refusal(as(leader.OWNER).projects.registerSupervision({ buildingId }))).toMatchObject({ code: 'CONFLICT', domain: 'PLEDGES_MISSING' });
  });

  test('a wrong password signs nothing', async () => {
    const before = await rowCounts();
    expect(await refusal(as(leader.CONSTRUCTION).pledges.sign({ projectId: project.id, role: 'CONSTRUCTION', password: 'not my password' }))).toMatchObject({
      code: 'BAD_REQUEST',
      domain: 'WRONG_PASSWORD',
    });
    expect(await rowCounts()).toEqual(before);
  });

  test('staff of the party, another party\'s leader, an inspector and a token cannot sign the leader\'s pledge', async () => {
    const before = await rowCounts();
    const input = { projectId: project.id, role: 'CONSTRUCTION' as const, password: FACTORY_PASSWORD };
    for (const actor of [constructionStaff, leader.SUPERVISION, inspector, admin, { ...leader.CONSTRUCTION, via: 'token' as const }]) {
      expect(await refusal(as(actor).pledges.sign(input))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await rowCounts()).toEqual(before);
  });

  test('the private key never appears in the clear: not in the database, the response or the logs', async () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (logged.push(String(chunk)), true));
    let response: unknown;
    try {
      response = await as(leader.CONSTRUCTION).pledges.sign({ projectId: project.id, role: 'CONSTRUCTION', password: FACTORY_PASSWORD });
    } finally {
      for (const spy of [...spies, stdout]) spy.mockRestore();
    }
    expect(response).toEqual({ signed: 2 });

    const key = await db.signingKey.findFirstOrThrow({ where: { userId: leader.CONSTRUCTION.userId } });
    const privateKey = (await unwrap(key, FACTORY_PASSWORD))!;
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    const seed = der.subarray(-32);
    const secrets = [seed.toString('hex'), seed.toString('base64'), seed.toString('base64url'), der.toString('hex'), der.toString('base64')];

    const tables = await db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain(key.publicKeyPem.split('\n')[1]!.slice(0, 20)); // the dump is real: the public key is in it
    const haystacks = { database: dump, response: JSON.stringify(response), logs: logged.join('\n') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) expect(text.includes(secret), `private key found in ${where}`).toBe(false);
    }
  });

  test('a signature verifies from ledger data alone: the statement, the signer\'s registered key and the server seal', async () => {
    const events = (await db.ledgerEvent.findMany({ where: { buildingId }, orderBy: { seq: 'asc' } })).map((e) => JSON.parse(e.canonical));
    const keyEvent = events.find((e) => e.type === 'signer.keyRegistered' && e.actor.id === leader.CONSTRUCTION.userId);
    const signed = events.filter((e) => e.type === 'signature.signed' && e.actor.id === leader.CONSTRUCTION.userId);
    expect(keyEvent).toBeDefined();
    expect(signed).toHaveLength(2);
    expect(events.indexOf(keyEvent)).toBeLessThan(events.indexOf(signed[0]));
    for (const event of signed) {
      const statement = JSON.parse(event.data.statement);
      expect(statement).toMatchObject({ signer: { id: leader.CONSTRUCTION.userId }, capacity: 'CONSTRUCTION', title: '施工单位项目经理', building: buildingId });
      // The signed content is a file the event names, and it hashes to what the statement binds.
      expect(event.files).toContain(statement.contentSha256);
      const content = await fileStore().get(statement.contentSha256);
      expect(JSON.parse(content.toString('utf8')).leader.userId).toBe(leader.CONSTRUCTION.userId);
      const evidence = {
        statement: event.data.statement,
        signature: event.data.signature,
        seal: event.data.seal,
        signerPublicKeyPem: keyEvent.data.publicKeyPem,
        serverPublicKeyPem: serverPublicKey().publicKeyPem,
      };
      expect(verifySignature(evidence)).toEqual({ signature: true, seal: true });
      // …and a changed statement does not.
      const forged = event.data.statement.replace('CONSTRUCTION', 'SUPERVISION');
      expect(verifySignature({ ...evidence, statement: forged })).toEqual({ signature: false, seal: false });
    }
    expect((await verifyChain(db, buildingId)).ok).toBe(true);
  });

  test('with every leader signed and every original attached, the gate opens and 质量监督登记 files the documents', async () => {
    for (const role of PARTY_ROLES) {
      if (role !== 'CONSTRUCTION') await as(leader[role]).pledges.sign({ projectId: project.id, role, password: FACTORY_PASSWORD });
    }
    expect((await as(leader.OWNER).projects.building({ buildingId })).gate!.roles.map((r) => r.missing)).toEqual(PARTY_ROLES.map(() => ['original']));
    // Staff may upload the original for their party; a stranger to the party may not.
    expect(await refusal(uploadOriginal('SURVEY', constructionStaff))).toMatchObject({ code: 'FORBIDDEN' });
    await uploadOriginal('CONSTRUCTION', constructionStaff);
    for (const role of PARTY_ROLES) if (role !== 'CONSTRUCTION') await uploadOriginal(role, leader[role]);

    const { gate } = await as(inspector).projects.building({ buildingId });
    expect(gate!.ready).toBe(true);
    expect(await refusal(as(leader.CONSTRUCTION).projects.registerSupervision({ buildingId }))).toMatchObject({ code: 'FORBIDDEN' });
    await as(leader.OWNER).projects.registerSupervision({ buildingId });
    expect(await refusal(as(leader.OWNER).projects.registerSupervision({ buildingId }))).toMatchObject({ domain: 'ALREADY_REGISTERED' });
    const last = await db.ledgerEvent.findFirstOrThrow({ where: { buildingId }, orderBy: { seq: 'desc' } });
    expect(last.type).toBe('supervision.registered');
  });

  test('nothing is left to sign: a second signing is refused', async () => {
    expect(await refusal(as(leader.SURVEY).pledges.sign({ projectId: project.id, role: 'SURVEY', password: FACTORY_PASSWORD }))).toMatchObject({ domain: 'NOTHING_TO_SIGN' });
  });
});

describe('corrections and 变更 add records, never change them', () => {
  test('a corrected ID number makes the documents stale; signing again supersedes them', async () => {
    const seat = await db.projectMember.findFirstOrThrow({ where: { projectId: project.id, role: 'DESIGN', isLeader: true, endedAt: null } });
    const before = await db.pledgeDocument.findMany({ where: { memberId: seat.id } });
    await as(leader.DESIGN).parties.correctLeaderDetails({ memberId: seat.id, idNumber: idNumber(99), qualificationType: '一级注册结构工程师', qualificationNo: '闽S0001234' });
    const designGate = (await as(leader.OWNER).projects.building({ buildingId })).gate!.roles.find((r) => r.role === 'DESIGN')!;
    expect(designGate.stale).toBe(true);
    expect(designGate.missing).toEqual(['authorization', 'original', 'pledge']);
    await as(leader.DESIGN).pledges.sign({ projectId: project.id, role: 'DESIGN', password: FACTORY_PASSWORD });
    await uploadOriginal('DESIGN', leader.DESIGN);
    const after = await db.pledgeDocument.findMany({ where: { memberId: seat.id }, include: { supersedes: true } });
    expect(after).toHaveLength(before.length + 2);
    const fresh = after.filter((d) => !before.some((b) => b.id === d.id));
    expect(fresh.map((d) => d.supersedesId).sort()).toEqual(before.map((d) => d.id).sort());
    expect(JSON.parse(fresh.find((d) => d.kind === 'PLEDGE')!.content).leader.idNumber).toBe(idNumber(99));
    // The old documents are unchanged, byte for byte.
    for (const old of before) expect((await db.pledgeDocument.findUniqueOrThrow({ where: { id: old.id } })).content).toBe(old.content);
    expect((await as(leader.OWNER).projects.building({ buildingId })).gate!.ready).toBe(true);
  });

  test('a 变更 closes the gate until the new leader signs; the former leader\'s pledges and period stay', async () => {
    const oldSeat = await db.projectMember.findFirstOrThrow({ where: { projectId: project.id, role: 'CONSTRUCTION', isLeader: true, endedAt: null } });
    const oldDocs = await db.pledgeDocument.findMany({ where: { memberId: oldSeat.id } });
    expect(
      await refusal(
        as(constructionStaff).parties.changeLeader({
          projectId: project.id,
          role: 'CONSTRUCTION',
          userId: leader.CONSTRUCTION.userId,
          idNumber: idNumber(7),
          qualificationType: '一级注册建造师',
          qualificationNo: '闽1350608777',
          reason: '原项目经理调任',
          effectiveOn: '2026-11-20',
          approvedBy: '建设单位 林国栋',
        }),
      ),
    ).toMatchObject({ domain: 'SAME_LEADER' });
    await as(constructionStaff).parties.changeLeader({
      projectId: project.id,
      role: 'CONSTRUCTION',
      userId: nextConstructionLeader.userId,
      idNumber: idNumber(8),
      qualificationType: '一级注册建造师',
      qualificationNo: '闽1350608888',
      reason: '原项目经理调任',
      effectiveOn: '2026-11-20',
      approvedBy: '建设单位 林国栋',
    });
    const view = await as(leader.OWNER).projects.get({ projectId: project.id });
    const construction = view.parties.find((p) => p.role === 'CONSTRUCTION')!;
    expect(construction.leader!.userId).toBe(nextConstructionLeader.userId);
    expect(construction.formerLeaders.map((l) => l.memberId)).toEqual([oldSeat.id]);
    expect(view.changes).toMatchObject([{ role: 'CONSTRUCTION', reason: '原项目经理调任', effectiveOn: '2026-11-20', approvedBy: '建设单位 林国栋' }]);
    expect(construction.leader!.idNumberMasked).not.toContain(idNumber(8).slice(6, 14));

    const gate = (await as(leader.OWNER).projects.building({ buildingId })).gate!;
    expect(gate.ready).toBe(false);
    expect(gate.roles.find((r) => r.role === 'CONSTRUCTION')!.missing).toEqual(['authorization', 'original', 'pledge']);
    // The former leader can no longer sign; the new one must.
    expect(await refusal(as(leader.CONSTRUCTION).pledges.sign({ projectId: project.id, role: 'CONSTRUCTION', password: FACTORY_PASSWORD }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await as(nextConstructionLeader).pledges.tasks()).map((t) => t.role)).toEqual(['CONSTRUCTION']);
    await as(nextConstructionLeader).pledges.sign({ projectId: project.id, role: 'CONSTRUCTION', password: FACTORY_PASSWORD });
    await uploadOriginal('CONSTRUCTION', nextConstructionLeader);
    expect((await as(leader.OWNER).projects.building({ buildingId })).gate!.ready).toBe(true);

    const kept = await db.pledgeDocument.findMany({ where: { memberId: oldSeat.id }, include: { supersededBy: true } });
    expect(kept.map((d) => d.id).sort()).toEqual(oldDocs.map((d) => d.id).sort());
    expect(kept.every((d) => d.supersededBy === null)).toBe(true);
    const types = (await db.ledgerEvent.findMany({ where: { buildingId }, select: { type: true } })).map((e) => e.type);
    expect(types).toContain('leader.changed');
    expect((await verifyChain(db, buildingId)).ok).toBe(true);
  });

  test('a password change re-wraps the same key: later signatures use it, under the new password', async () => {
    const { changePassword } = await import('@/server/users/service');
    const keyBefore = await db.signingKey.findFirstOrThrow({ where: { userId: nextConstructionLeader.userId } });
    await changePassword(db, nextConstructionLeader, { currentPassword: FACTORY_PASSWORD, newPassword: 'a new password 2026', confirmPassword: 'a new password 2026' });
    const keyAfter = await db.signingKey.findFirstOrThrow({ where: { userId: nextConstructionLeader.userId } });
    expect(keyAfter.id).toBe(keyBefore.id);
    expect(keyAfter.publicKeyPem).toBe(keyBefore.publicKeyPem);
    expect(Buffer.from(keyAfter.wrappedKey).equals(Buffer.from(keyBefore.wrappedKey))).toBe(false);
    expect(await unwrap(keyAfter, FACTORY_PASSWORD)).toBeNull();
    expect(await unwrap(keyAfter, 'a new password 2026')).not.toBeNull();
  });
});

describe('the database refuses to change signed records', () => {
  test.each([
    ['PledgeDocument', 'UPDATE "PledgeDocument" SET content = \'{}\''],
    ['PledgeDocument', 'DELETE FROM "PledgeDocument"'],
    ['Signature', 'UPDATE "Signature" SET signature = \'AAAA\''],
    ['Signature', 'DELETE FROM "Signature"'],
    ['LegalRepOriginal', 'UPDATE "LegalRepOriginal" SET "fileSha256" = repeat(\'0\', 64)'],
    ['LegalRepOriginal', 'DELETE FROM "LegalRepOriginal"'],
    ['LeaderChange', 'UPDATE "LeaderChange" SET reason = \'x\''],
    ['LeaderChange', 'DELETE FROM "LeaderChange"'],
    ['StoredFile', 'UPDATE "StoredFile" SET bytes = 0'],
    ['StoredFile', 'DELETE FROM "StoredFile"'],
    ['PledgeDocument', 'TRUNCATE "PledgeDocument" CASCADE'],
    ['SigningKey', 'UPDATE "SigningKey" SET "publicKeyPem" = \'x\''],
    ['SigningKey', 'DELETE FROM "SigningKey"'],
  ])('%s: %s', async (table, sql) => {
    const count = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    expect(Number(count[0]!.n)).toBeGreaterThan(0);
    await expect(db.$executeRawUnsafe(sql)).rejects.toThrow(/refused/);
  });
});

describe('identity data is validated, and a bad value saves nothing', () => {
  test.each([
    ['an ID number with a wrong check digit', '110105194912310021', 'validation.idNumberChecksum'],
    ['an ID number with no such birth date', '350104198002300012', 'validation.idNumberBirthDate'],
    ['an ID number of the wrong length', '35010419800101', 'validation.idNumberFormat'],
  ])('%s', async (_label, idNumber, key) => {
    const before = await db.projectMember.count();
    const org = await makeOrganization(db);
    const person = await makeUser(db, { organizationId: org.id });
    const p = await makeProject(db);
    await as(admin).parties.assign({ projectId: p.id, role: 'SURVEY', organizationId: org.id });
    const error = await as(admin)
      .parties.appointLeader({ projectId: p.id, role: 'SURVEY', userId: person.id, qualificationType: '注册土木工程师（岩土）', qualificationNo: 'AY123456', idNumber })
      .then(() => null, (e: unknown) => e as TRPCError);
    expect(error?.code).toBe('BAD_REQUEST');
    const issues = (error?.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
    expect(issues).toContainEqual(expect.objectContaining({ path: ['idNumber'], message: key }));
    expect(await db.projectMember.count()).toBe(before);
  });
});
