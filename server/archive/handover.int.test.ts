import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buffer } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { makeProject, makeSignedProject, makeInspector, actorOf, callerFor } from '@/tests/factories';
import { refusedWith } from '@/tests/refusal';
import { inMemory } from '@/tests/archives';
import { storeFile } from '@/server/storage';
import { exportArchive } from './export';
import { PATHS, sealKeyOf } from './format';
import { serverSealKey } from './service';
import { verifyArchive } from './verify';
import { openZip } from './zip-source';

const run = promisify(execFile);

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
    expect(await owner.archive.handovers({ buildingId: signed.building.id })).toEqual({ dueOn: null, handovers: [handover] });

    const inspector = await actorOf(db, (await makeInspector(db, ['350100'])).id);
    expect(await callerFor(db, inspector).archive.handovers({ buildingId: signed.building.id })).toEqual({ dueOn: null, handovers: [handover] });

    const files = await exportFiles(signed.building.id);
    expect(await verifyArchive(inMemory(files))).toMatchObject({ ok: true, count: handover.seq });
    const last = files.get(PATHS.ledger)!.toString('utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ type: 'archive.handedOver', data: { manifestSha256 } });
    // …and its report.pdf names it on the last page
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'handover-')), 'report.pdf');
    writeFileSync(report, files.get(PATHS.report)!);
    const text = (await run('pdftotext', ['-layout', report, '-'])).stdout.split('\f').slice(0, -1).at(-1)!.replace(/\s+/g, '');
    expect(text).toContain('移交城建档案馆');
    expect(text).toContain('2026-12-01移交福州市城市建设档案馆，接收编号FZCJ-2026-0158');
    expect(text).toContain(manifestSha256);
  });

  it('carries the scanned 移交清单 into the ledger and every later archive; one never uploaded is refused', async () => {
    const owner = callerFor(db, signed.leaders.OWNER);
    const missing = 'a'.repeat(64);
    expect(await refusedWith(owner.archive.handOver({ ...input(sealText), transferListSha256: missing }))).toBe('FILE_NOT_FOUND');

    const scan = await storeFile(db, { bytes: Buffer.from('%PDF-1.7\n移交清单（双方签章）\n%%EOF\n'), mediaType: 'application/pdf' });
    const handover = await owner.archive.handOver({ ...input(sealText), transferListSha256: scan.sha256 });
    expect(handover.transferListSha256).toBe(scan.sha256);
    const event = await db.ledgerEvent.findUniqueOrThrow({ where: { buildingId_seq: { buildingId: signed.building.id, seq: handover.seq } } });
    expect(JSON.parse(event.canonical)).toMatchObject({ files: [scan.sha256], data: { transferListSha256: scan.sha256 } });

    const files = await exportFiles(signed.building.id);
    expect([...files.keys()].some((path) => path.includes(scan.sha256))).toBe(true);
    expect(await verifyArchive(inMemory(files))).toMatchObject({ ok: true });
  });

  it('is due 3 months after 竣工验收 (the day counted as 民法典 arts 201–202)', async () => {
    const project = await makeSignedProject(db, { regionCode: '350104' });
    const owner = callerFor(db, project.leaders.OWNER);
    expect((await owner.archive.handovers({ buildingId: project.building.id })).dueOn).toBeNull();
    await db.building.update({ where: { id: project.building.id }, data: { completedOn: new Date('2026-11-30') } });
    expect(await owner.archive.handovers({ buildingId: project.building.id })).toEqual({ dueOn: '2027-02-28', handovers: [] });
  }, 120_000);

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
