import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { recordEvent } from '@/server/ledger/record';
import { verifyChain } from '@/server/ledger/verify';
import { DELIVERED_BUILDING } from '@/prisma/seed-delivered';
import { DEMO_BUILDINGS, seedDemoIfEmpty } from '@/prisma/seed';
import { makeProject } from '@/tests/factories';
import { exportArchive } from './export';
import { PATHS, sealKeyOf } from './format';
import { serverSealKey } from './service';
import { byteFlips, eventEdits, inMemory, reseal, TAMPERS, validateBag, type Files } from '@/tests/archives';
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

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

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

  it('carries report.pdf: Chinese text that extracts, every chapter where the contents say, page numbers, the ledger head', async () => {
    const report = path.join(tmp, 'report.pdf');
    fs.writeFileSync(report, files.get(PATHS.report)!);
    const { stdout } = await run('pdftotext', ['-layout', report, '-']);
    const pages = stdout.split('\f').slice(0, -1);
    pages.forEach((page, k) => expect(page).toMatch(new RegExp(`BL-350104-0001\\s+第 ${k + 1} 页 共 ${pages.length} 页`)));
    expect(pages[0]).toContain('工程质量终身责任档案');
    expect(pages[0]).toMatch(/滨江花园二期\s+1#住宅楼/);
    expect(pages[0]).toContain('施工单位：闽江建工集团有限公司 施工单位项目经理：王海峰');
    expect(pages[0]).toContain('扫码查询：https://gczl.example.cn/b/BL-350104-0001');

    // Each line of the contents names a chapter and the page it starts on
    const contents = [...pages[1]!.matchAll(/^(\S+、\S+)\s+(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(contents.map(([title]) => title)).toEqual([
      '一、责任主体及项目负责人',
      '二、法定代表人授权书与工程质量终身责任承诺书',
      '三、检验批质量验收记录',
      '四、隐蔽工程验收记录',
      '五、旁站记录',
      '六、材料进场验收与见证取样',
      '七、质量监督检查',
      '八、局部暂停施工与复工',
      '九、整改通知单及闭合',
      '十、分部工程验收与竣工验收',
      '十一、工程质量保修',
      '十二、台账末端与核验方法',
    ]);
    for (const [title, page] of contents) expect(pages[page - 1]!.trimStart().startsWith(title), title).toBe(true);
    const chapter = (n: number) => pages.slice(contents[n]![1] - 1, n + 1 < contents.length ? contents[n + 1]![1] - 1 : undefined).join('\n');

    expect(chapter(0)).toContain('总监理工程师：郑国平');
    expect(chapter(1)).toMatch(/施工单位 工程质量终身责任承诺书[\s\S]*签署：施工单位项目经理 王海峰/);
    expect(chapter(2)).toMatch(/分部 主体结构 · 子分部 混凝土结构[\s\S]*分项：钢筋（020102）[\s\S]*检验批：1F 柱墙钢筋/);
    expect(chapter(2)).toContain('监理：不合格，退回');
    expect(chapter(2)).toContain('签署：专业监理工程师 张丽萍');
    expect(chapter(3)).toContain('监理验收：验收合格');
    expect(chapter(4)).toContain('柱墙混凝土浇筑');
    expect(chapter(5)).toMatch(/GJ-2026-001[\s\S]*检测结果：合格/);
    expect(chapter(6)).toContain('签署：质量监督员 吴振宇');
    expect(chapter(7)).toContain('范围：砌体结构');
    expect(chapter(8)).toMatch(/整改-2026-001[\s\S]*状态：已闭合/);
    expect(chapter(8)).toMatch(/整改-2026-002[\s\S]*状态：逾期 \d+ 天未闭合/);
    expect(chapter(8)).not.toContain('未签署');
    expect(chapter(9)).toContain('（无分部工程验收或竣工验收记录）');
    expect(chapter(10)).toContain('本楼尚未通过竣工验收');

    const manifest = JSON.parse(files.get(PATHS.manifest)!.toString('utf8'));
    const last = pages.at(-1)!;
    expect(last).toContain(`台账事件数：${manifest.ledger.count}`);
    expect(last).toContain(manifest.ledger.head);
    expect(last.replace(/\s+/g, '')).toContain(serverSealKey().fingerprintSha256);
    expect(last).toContain('npm run verify-archive');

    const { stdout: fonts } = await run('pdffonts', [report]);
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it("verifies by hand with README.txt's own commands: sha256sum, openssl and a shell loop over the chain", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'unpacked-'));
    for (const [p, bytes] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), bytes);
    }
    const readme = files.get(PATHS.readme)!.toString('utf8').split('\n');
    const seal = readme.filter((l) => /^\s+(openssl (dgst|pkeyutl)|grep -o)/.test(l)).map((l) => l.trim());
    expect(seal).toHaveLength(3);
    const loop = readme.slice(readme.findIndex((l) => l.trim().startsWith('prev=')), readme.findIndex((l) => l.trim().startsWith('done < ledger.jsonl')) + 1);
    expect(loop.length).toBeGreaterThan(3);
    const script = ['set -e', 'sha256sum --quiet -c manifest-sha256.txt', ...seal, ...loop].join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: dir });
    const manifest = JSON.parse(files.get(PATHS.manifest)!.toString('utf8'));
    expect(stdout).toContain('Signature Verified Successfully');
    expect(stdout.trim().split('\n').at(-1)).toBe(`末端 ${manifest.ledger.head}`);
  }, 60_000);

  it('of a building with no events yet is an empty chain that verifies', async () => {
    const project = await makeProject(db);
    const empty = await filesOf(await exportZip(project.buildings[0]!.id));
    expect(await verifyArchive(inMemory(empty))).toMatchObject({ ok: true, count: 0, head: '0'.repeat(64), signatures: 0 });
    expect(empty.get(PATHS.ledger)!.length).toBe(0);
    expect(validateBag(empty)).toEqual({ payloadFiles: 0 });
  });

  it('of the delivered 5#住宅楼 verifies, and its report.pdf tells the 竣工验收, the warranty periods and the claims', async () => {
    const delivered = await db.building.findUniqueOrThrow({ where: { code: DELIVERED_BUILDING.code } });
    const archive = await filesOf(await exportZip(delivered.id));
    expect(await verifyArchive(inMemory(archive))).toMatchObject({ ok: true, building: { code: DELIVERED_BUILDING.code } });
    const report = path.join(tmp, 'delivered-report.pdf');
    fs.writeFileSync(report, archive.get(PATHS.report)!);
    const text = (await run('pdftotext', ['-layout', report, '-'])).stdout.replace(/[ \t]+/g, ' ');
    expect(text).toContain(`单位工程竣工验收（${delivered.completedOn!.toISOString().slice(0, 10)}）`);
    expect(text).toContain('地基基础工程和主体结构工程：至');
    expect(text).toMatch(/装修工程：客厅北墙，客厅北墙乳胶漆出现多条细裂缝/);
    expect(text).toMatch(/屋面防水工程[^\n]*主卫地面/);
  }, 60_000);

  it('is a valid BagIt bag (RFC 8493)', () => {
    expect(validateBag(files)).toEqual({ payloadFiles: [...files.keys()].filter((p) => p.startsWith('data/')).length });
  });

  it.each(TAMPERS)('tampered with (%s) fails, naming it', async (_name, tamper, failure) => {
    const verdict = await verifyArchive(inMemory(tamper(files, sealKeyOf(generateKeyPairSync('ed25519').privateKey))));
    expect(verdict.ok ? 'accepted' : verdict.failure).toMatch(failure);
  });

  it('catches 200 random byte flips and 150 random event edits of the real export, none accepted', async () => {
    const missed: string[] = [];
    for (const mutations of [byteFlips(files, 2026, 200), eventEdits(files, 1205, 150)]) {
      // One copy at a time: a flipped photo is a copy of the photo
      for (const mutated of mutations) if ((await verifyArchive(inMemory(mutated.files))).ok) missed.push(mutated.label);
    }
    expect(missed).toEqual([]);
  }, 120_000);

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
