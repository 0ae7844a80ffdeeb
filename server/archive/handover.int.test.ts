import { generateKeyPairSync } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { makeProject, makeSignedProject, makeInspector, actorOf, callerFor } from '@/tests/factories';
import { refusedWith } from '@/tests/refusal';
import { inMemory } from '@/tests/archives';
import { exportArchive } from './export';
import { PATHS, sealKeyOf } from './format';
import { serverSealKey } from './service';
import { verifyArchive } from './verify';
import { openZip } from './zip-source';

/** The 建设单位 hands the archive over, naming it by its seal.json; the next export carries the record. */

let signed: Awaited<ReturnType<typeof makeSignedProject>>;
let sealText: string;
let manifestSha256: string;

async function exportFiles(buildingId: string, key = serverSealKey()) {
  const zip = await openZip(await buffer((await exportArchive(db, buildingId, { key, publicBaseUrl: 'https://gczl.example.cn' })).stream));
  const files = new Map<string, Buffer>();
  for (const p of zip.paths) files.set(p, await zip.read(p));
  zip.close();
  return files;
}

beforeAll(async () => {
  signed = await makeSignedProject(db, { regionCode: '350104' });
  const files = await exportFiles(signed.building.id);
  sealText = files.get(PATHS.seal)!.toString('utf8');
  manifestSha256 = JSON.parse(sealText).manifestSha256;
}, 120_000);

const input = (seal: string, buildingId = signed.building.id) => ({ buildingId, seal, archiveAgency: '福州市城市建设档案馆', receiptNo: 'FZCJ-2026-0158', handedOn: '2026-12-01' });

describe('archive hand-over', () => {
  it('is recorded by the 建设单位 in the ledger, and the next export carries and verifies it', async () => {
    const owner = callerFor(db, signed.leaders.OWNER);
    const handover = await owner.archive.handOver(input(sealText));
    expect(handover).toMatchObject({ manifestSha256, archiveAgency: '福州市城市建设档案馆', receiptNo: 'FZCJ-2026-0158', handedOn: '2026-12-01', by: signed.leaders.OWNER.name });
    expect(await owner.archive.handovers({ buildingId: signed.building.id })).toEqual([handover]);

    const inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
    expect(await callerFor(db, inspector).archive.handovers({ buildingId: signed.building.id })).toEqual([handover]);

    const files = await exportFiles(signed.building.id);
    expect(await verifyArchive(inMemory(files))).toMatchObject({ ok: true, count: handover.seq });
    const last = files.get(PATHS.ledger)!.toString('utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ type: 'archive.handedOver', data: { manifestSha256 } });
  });

  it('is refused to the other parties and to inspectors', async () => {
    for (const actor of [signed.leaders.CONSTRUCTION, signed.leaders.SUPERVISION, await actorOf(db, (await makeInspector(db, ['350100'])).id)]) {
      expect(await refusedWith(callerFor(db, actor).archive.handOver(input(sealText)))).toBe('FORBIDDEN');
    }
  });

  it('refuses a seal that is not this server\'s, not valid, or of another building', async () => {
    const owner = callerFor(db, signed.leaders.OWNER);
    const foreign = (await exportFiles(signed.building.id, sealKeyOf(generateKeyPairSync('ed25519').privateKey))).get(PATHS.seal)!.toString('utf8');
    expect(await refusedWith(owner.archive.handOver(input(foreign)))).toBe('ARCHIVE_SEAL_INVALID');
    expect(await refusedWith(owner.archive.handOver(input(sealText.replace(/"count":\d+/, '"count":1'))))).toBe('ARCHIVE_SEAL_INVALID');
    expect(await refusedWith(owner.archive.handOver(input('not json')))).toBe('ARCHIVE_SEAL_INVALID');

    // The same project's 建设单位, another building's archive
    const other = await makeProject(db, { regionCode: '350104' });
    await db.projectMember.create({ data: { projectId: other.id, role: 'OWNER', userId: signed.leaders.OWNER.userId, isLeader: true } });
    expect(await refusedWith(owner.archive.handOver(input(sealText, other.buildings[0]!.id)))).toBe('ARCHIVE_NOT_OF_THIS_BUILDING');
  });
});
