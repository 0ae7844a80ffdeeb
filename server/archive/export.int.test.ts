import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { recordEvent } from '@/server/ledger/record';
import { verifyChain } from '@/server/ledger/verify';
import { DEMO_BUILDINGS, seedDemoIfEmpty } from '@/prisma/seed';
import { exportArchive } from './export';
import { PATHS, sealKeyOf } from './format';
import { serverSealKey } from './service';
import { inMemory, reseal, validateBag, type Files } from '@/tests/archives';
import { verifyArchive, verifyExtends } from './verify';
import { openZip } from './zip-source';

/** The demo's 1#住宅楼, exported and checked by the project's own verifier, the CLI and a BagIt validator. */

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-test-'));
let buildingId: string;
let zipBytes: Buffer;
let files: Files;

async function exportZip(id: string): Promise<Buffer> {
  const archive = await exportArchive(db, id, { key: serverSealKey(), publicBaseUrl: 'https://gczl.example.cn' });
  return buffer(archive.stream);
}

async function filesOf(zip: Buffer): Promise<Files> {
  const source = await openZip(zip);
  const entries = new Map<string, Buffer>();
  for (const p of source.paths) entries.set(p, await source.read(p));
  source.close();
  return entries;
}

/** Runs `npm run verify-archive` as a user would (tsx, no DATABASE_URL). */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/verify-archive.ts', ...args], { env, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  await seedDemoIfEmpty(db);
  buildingId = (await db.building.findUniqueOrThrow({ where: { code: DEMO_BUILDINGS[0]!.code } })).id;
  zipBytes = await exportZip(buildingId);
  files = await filesOf(zipBytes);
}, 180_000);

describe('the demo building exported', () => {
  it('verifies: every file, the whole chain, every signature, the seal', async () => {
    const chain = await verifyChain(db, buildingId);
    const verdict = await verifyArchive(inMemory(files));
    expect(verdict).toMatchObject({ ok: true, count: chain.count, head: chain.ok ? chain.head : '', building: { id: buildingId, code: DEMO_BUILDINGS[0]!.code } });
    expect(verdict.ok && verdict.signatures).toBeGreaterThan(20);
    const photos = await db.photo.findMany({ where: { buildingId }, select: { sha256: true } });
    expect(photos.length).toBeGreaterThan(0);
    for (const { sha256 } of photos) expect([...files.keys()].some((p) => p.startsWith(`data/files/${sha256}`))).toBe(true);
    const pledges = await db.pledgeDocument.findMany({ where: { buildingId }, select: { contentSha256: true, pdfSha256: true } });
    for (const p of pledges) {
      expect(files.has(`data/files/${p.pdfSha256}.pdf`)).toBe(true);
      expect(files.has(`data/files/${p.contentSha256}.json`)).toBe(true);
    }
    const manifest = JSON.parse(files.get(PATHS.manifest)!.toString('utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining([PATHS.ledger, PATHS.report, PATHS.readme, PATHS.bagit]));
    expect(manifest.files.map((f: { path: string }) => f.path)).not.toContain(PATHS.seal);
  });

  it('is a valid BagIt bag (RFC 8493)', () => {
    expect(validateBag(files)).toEqual({ payloadFiles: [...files.keys()].filter((p) => p.startsWith('data/')).length });
  });

  it('passes the CLI, which names the first failure of a tampered copy and exits 1', async () => {
    const good = path.join(tmp, 'good.zip');
    fs.writeFileSync(good, zipBytes);
    const ok = await cli(good);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/^OK .*BL-350104-0001 .*: \d+ events, head [0-9a-f]{64}/);

    const photo = [...files.keys()].find((p) => p.endsWith('.jpg'))!;
    const flipped = new Map(files);
    const bytes = Buffer.from(files.get(photo)!);
    bytes[bytes.length >> 1]! ^= 0x01;
    flipped.set(photo, bytes);
    const bad = path.join(tmp, 'bad.zip');
    fs.writeFileSync(bad, await zipOf(flipped));
    const failed = await cli(bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${photo}: SHA-256`);

    const pinned = await cli('--key', sealKeyOf(generateKeyPairSync('ed25519').privateKey).fingerprintSha256, good);
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toContain('not the expected');
  }, 60_000);

  it('--against accepts a later export of the same building and refuses a rewritten history', async () => {
    const older = path.join(tmp, 'older.zip');
    fs.writeFileSync(older, zipBytes);
    await db.$transaction((tx) => recordEvent(tx, { buildingId, type: 'archive.tested', actor: { system: true } }));
    const newerBytes = await exportZip(buildingId);
    const newer = path.join(tmp, 'newer.zip');
    fs.writeFileSync(newer, newerBytes);
    const extended = await cli('--against', older, newer);
    expect(extended.code).toBe(0);
    expect(extended.stdout).toContain('extends');
    expect(extended.stdout).toContain('by 1 events');

    // A history rewritten at seq 3 and sealed again with the server's own key: it verifies on its own
    const rewritten = reseal(await filesOf(newerBytes), serverSealKey(), (events) => {
      events[2]!.data = { ...(events[2]!.data as object), rewritten: true };
    });
    expect(await verifyArchive(inMemory(rewritten))).toMatchObject({ ok: true });
    expect(await verifyExtends(inMemory(files), inMemory(rewritten))).toEqual({ ok: false, failure: 'history rewritten: event seq 3 differs between the archives' });
    const rewrittenZip = path.join(tmp, 'rewritten.zip');
    fs.writeFileSync(rewrittenZip, await zipOf(rewritten));
    const refused = await cli('--against', older, rewrittenZip);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('history rewritten: event seq 3');
    // And an older archive is not an extension of a newer one
    expect(await verifyExtends(await filesOf(newerBytes).then(inMemory), inMemory(files))).toMatchObject({ ok: false });
  }, 120_000);
});

/** The same files as a ZIP again (yazl), for the CLI. */
async function zipOf(entries: Files): Promise<Buffer> {
  const yazl = (await import('yazl')).default;
  const zip = new yazl.ZipFile();
  for (const [p, bytes] of entries) zip.addBuffer(bytes, p);
  zip.end();
  return buffer(zip.outputStream as NodeJS.ReadableStream as import('node:stream').Readable);
}
