import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@/server/identity/id-number';
import type { AuthorizationContent, PledgeContent, SignatureMark } from '@/server/pledges/content';
import { PLEDGE_TEXTS } from '@/server/pledges/texts';
import { PAGE_MARGIN } from './pdf';
import { renderPledgePdf } from './pledge-pdf';

// ——— poppler: the independent reader that proves what the PDF shows ———

let dir: string;

beforeAll(() => {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdftoppm']) {
    const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (probe.error) {
      throw new Error(`${tool} not found: these tests read the PDFs with poppler-utils (apt-get install poppler-utils); ${probe.error.message}`);
    }
  }
  dir = mkdtempSync(path.join(tmpdir(), 'pledge-pdf-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function save(pdf: Buffer): string {
  const file = path.join(dir, `doc-${++files}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** `pdftotext -layout`: pages separated by form feeds. */
function layoutText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', save(pdf), '-'], { encoding: 'utf8' });
}

/** Whitespace removed: a phrase wrapped across lines still matches. */
const flat = (text: string) => text.replace(/\s+/g, '');

function info(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', '-enc', 'UTF-8', save(pdf)], { encoding: 'utf8' });
  return Object.fromEntries(
    out.split('\n').flatMap((line) => {
      const match = /^([^:]+):\s+(.*)$/.exec(line);
      return match ? [[match[1]!, match[2]!]] : [];
    }),
  );
}

interface Word {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

function words(pdf: Buffer): { pages: { width: number; height: number }[]; words: Word[] } {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', save(pdf), '-'], { encoding: 'utf8' });
  const pages: { width: number; height: number }[] = [];
  const all: Word[] = [];
  for (const match of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[1]) pages.push({ width: Number(match[1]), height: Number(match[2]) });
    else all.push({ page: pages.length, xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]), text: match[7]! });
  }
  return { pages, words: all };
}

/** Share of dark pixels in a horizontal band of page 1 (fractions of the page height), from a greyscale raster. */
function ink(pdf: Buffer, top: number, bottom: number): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', save(pdf)]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  const [from, to] = [Math.floor(top * height), Math.floor(bottom * height)];
  for (let i = from * width; i < to * width; i++) if (pixels[i]! < 128) dark++;
  return dark / ((to - from) * width);
}

// ——— realistic content ———

const ID_17 = '35010419800101001';
const ID_NUMBER = ID_17 + idNumberCheckChar(ID_17);

const work = {
  project: { id: 'prj_01', code: 'FZ-2026-001', name: '滨江花园二期', address: '福建省福州市台江区滨江路88号' },
  building: { id: 'bld_01', code: 'FZ-2026-001-01', name: '1#住宅楼', designWorkingLifeYears: 50 },
};
const party = {
  role: 'CONSTRUCTION',
  organizationName: '福建滨江置业有限公司',
  uscc: '91350100MA31ABCD2X',
  legalRepresentativeName: '林国栋',
} as AuthorizationContent['party'];
const leader = {
  userId: 'usr_01',
  name: '陈建华',
  idNumber: ID_NUMBER,
  qualificationType: '一级注册建造师',
  qualificationNo: '闽135060801234',
  title: '施工单位项目经理',
};

// The texts a 施工单位 项目经理 signs
const SCOPE = PLEDGE_TEXTS.CONSTRUCTION.scope;
const PLEDGE = PLEDGE_TEXTS.CONSTRUCTION.pledge;

const authorization: AuthorizationContent = {
  v: 1,
  kind: 'leader-authorization',
  ...work,
  party,
  leader,
  scopeText: SCOPE,
  authorizedOn: '2026-11-25',
};

const AUTH_SHA = '5f2b8c0e9d7a4b3c1e6f8a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d';
const pledge: PledgeContent = {
  v: 1,
  kind: 'lifelong-pledge',
  ...work,
  party,
  leader,
  authorization: { documentId: 'doc_01JH3Z8QK2M5', contentSha256: AUTH_SHA },
  pledgeText: PLEDGE,
  signedOn: '2026-11-26',
};

const FINGERPRINT = '9c4e1a7f3b2d8e6c0a5f7b9d1e3c5a7f9b1d3e5c7a9f1b3d5e7c9a1f3b5d7e9c';
function signature(contentSha256: string, signedAt: string): SignatureMark {
  return { signerName: '陈建华', signedAt, keyFingerprint: FINGERPRINT, contentSha256 };
}
const SHA_A = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA_P = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

// ——— tests ———

describe('renderPledgePdf: 法定代表人授权书', () => {
  it('shows every field, the scope, the signature mark and the footer, in extractable Chinese text', async () => {
    const pdf = await renderPledgePdf(authorization, [signature(SHA_A, '2026-11-25T08:42:05.123Z')]);
    const text = layoutText(pdf);

    expect(text).toContain('法定代表人授权书');
    for (const value of [
      '福建滨江置业有限公司',
      '91350100MA31ABCD2X',
      '林国栋',
      '陈建华',
      ID_NUMBER,
      '滨江花园二期 1#住宅楼',
      '福建省福州市台江区滨江路88号',
      '一级注册建造师',
      '闽135060801234',
      '施工单位项目经理',
    ]) {
      expect(text).toContain(value);
    }
    expect(text).toMatch(/身份证号\s+35010419800101001\d/);
    expect(flat(text)).toContain(flat(`兹授权 陈建华 同志担任 滨江花园二期 1#住宅楼 工程的施工单位项目经理，${SCOPE}`));
    expect(text).toContain('授权日期：2026 年 11 月 25 日');
    // 08:42:05Z is 16:42:05 in Asia/Shanghai
    expect(text).toContain(`电子签名：陈建华 2026-11-25 16:42:05 密钥指纹 ${FINGERPRINT.slice(0, 16)}…`);
    expect(text).not.toContain(FINGERPRINT.slice(0, 17));
    expect(flat(text)).toContain('法定代表人签字/单位盖章');
    expect(flat(text)).toContain('扫描件');
    expect(text).toContain(`内容 SHA-256 ${SHA_A}`);
    expect(text).toContain('第 1 页 共 1 页');
    expect(text).not.toContain('预览');
  });

  it('embeds a subset of Noto Sans SC, is A4 PDF 1.7 with PDF/A-3b identification and fixed metadata', async () => {
    const pdf = await renderPledgePdf(authorization, [signature(SHA_A, '2026-11-25T08:42:05Z')]);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/); // never an unembedded standard font
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toContain('/OutputIntents');
    expect(raw).toContain('/Lang (zh-CN)');
    // a subset, not the 10 MB font
    expect(pdf.length).toBeLessThan(200_000);

    const meta = info(pdf);
    expect(meta['Title']).toBe('法定代表人授权书 · 滨江花园二期 1#住宅楼 · 陈建华');
    expect(meta['Author']).toBe('BuildLedger');
    expect(meta['CreationDate']).toBe('2026-11-25T08:42:05Z');
    expect(meta['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(meta['PDF version']).toBe('1.7');
  });

  it('draws the glyphs, not just their Unicode mapping (rasterized by pdftoppm)', async () => {
    const pdf = await renderPledgePdf(authorization, [signature(SHA_A, '2026-11-25T08:42:05Z')]);
    // Title band (top margin is 2 cm of 29.7 cm) and the empty band near the bottom above the footer
    expect(ink(pdf, 0.068, 0.1)).toBeGreaterThan(0.03);
    expect(ink(pdf, 0.8, 0.9)).toBe(0);
  });

  it('gives the same bytes for the same inputs', async () => {
    const signatures = [signature(SHA_A, '2026-11-25T08:42:05Z')];
    const [a, b] = await Promise.all([renderPledgePdf(authorization, signatures), renderPledgePdf(authorization, signatures)]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('renderPledgePdf: 工程质量终身责任承诺书', () => {
  it('shows the pledge, the fields, the authorization it rests on, the signature mark and the footer', async () => {
    const pdf = await renderPledgePdf(pledge, [signature(SHA_P, '2026-11-26T01:02:03Z')]);
    const text = layoutText(pdf);

    expect(text).toContain('工程质量终身责任承诺书');
    expect(flat(text)).toContain(
      flat(`本人受 福建滨江置业有限公司（法定代表人 林国栋）授权，担任 滨江花园二期 1#住宅楼 工程的施工单位项目经理。${PLEDGE}`),
    );
    expect(text).toContain('设计使用年限 50 年');
    expect(text).toMatch(/承诺人\s+陈建华/);
    expect(text).toMatch(/身份证号\s+35010419800101001\d/);
    expect(text).toContain(ID_NUMBER);
    expect(text).toMatch(/注册执业资格\s+一级注册建造师/);
    expect(text).toMatch(/注册执业证号\s+闽135060801234/);
    expect(text).toMatch(/签字日期\s+2026 年 11 月 26 日/);
    expect(text).toContain('doc_01JH3Z8QK2M5');
    expect(text).toContain(AUTH_SHA);
    expect(text).toContain(`电子签名：陈建华 2026-11-26 09:02:03 密钥指纹 ${FINGERPRINT.slice(0, 16)}…`);
    expect(text).toContain(`内容 SHA-256 ${SHA_P}`);
    expect(text).toContain('第 1 页 共 1 页');
    expect(text).not.toContain('预览');
    expect(info(pdf)['CreationDate']).toBe('2026-11-26T01:02:03Z');
  });

  it('wraps long Chinese paragraphs inside the margins and numbers every page', async () => {
    const long: PledgeContent = {
      ...pledge,
      party: { ...party, organizationName: '福建省滨江城市建设发展集团有限公司第一工程分公司暨福州市台江区滨江片区城市更新项目联合体牵头单位' },
      pledgeText: PLEDGE.repeat(14),
    };
    const pdf = await renderPledgePdf(long, [signature(SHA_P, '2026-11-26T01:02:03Z')]);
    const { pages, words: all } = words(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
    const right = 595.28 - PAGE_MARGIN;
    const overflow = all.filter((w) => w.xMin < PAGE_MARGIN - 0.5 || w.xMax > right + 0.5 || w.yMax > 841.89);
    expect(overflow).toEqual([]);

    const pageTexts = layoutText(pdf)
      .split('\f')
      .filter((t) => t.trim());
    expect(pageTexts).toHaveLength(pages.length);
    pageTexts.forEach((pageText, i) => {
      expect(pageText).toContain(`第 ${i + 1} 页 共 ${pages.length} 页`);
      expect(pageText).toContain(`内容 SHA-256 ${SHA_P}`);
    });
    // The paragraph runs on across the page break, nothing lost (footers taken out)
    const body = pageTexts.map((t) => t.replace(/^.*第 \d+ 页 共 \d+ 页.*$/m, '')).join('');
    expect(flat(body)).toContain(flat(PLEDGE.repeat(14)));
  });
});

describe('renderPledgePdf: preview (no signatures)', () => {
  it.each([
    ['法定代表人授权书', authorization],
    ['工程质量终身责任承诺书', pledge],
  ] as const)('%s says 预览 · 未签署 and carries no signature mark', async (title, content) => {
    const pdf = await renderPledgePdf(content, []);
    const text = layoutText(pdf);
    expect(text).toContain(title);
    expect(text).toContain('预览 · 未签署');
    expect(text).not.toContain('电子签名');
    expect(text).not.toContain('密钥指纹');
    expect(text).not.toContain(FINGERPRINT.slice(0, 16));
    expect(text).not.toContain(SHA_A);
    expect(text).not.toContain(SHA_P);
    expect(text).toContain('第 1 页 共 1 页');
    // the diagonal watermark is outlines, so it does not break the extracted rows
    expect(text).toMatch(/身份证号\s+35010419800101001\d/);
    expect(text).toContain('陈建华');
    // dated from the content, so a preview is reproducible too
    expect(info(pdf)['CreationDate']).toBe(content.kind === 'leader-authorization' ? '2026-11-24T16:00:00Z' : '2026-11-25T16:00:00Z');
  });
});

describe('renderPledgePdf: refuses what it cannot show truthfully', () => {
  it('signatures over different contents', async () => {
    await expect(
      renderPledgePdf(authorization, [signature(SHA_A, '2026-11-25T08:42:05Z'), signature(SHA_P, '2026-11-25T08:42:05Z')]),
    ).rejects.toThrow(/one lower-case hex SHA-256/);
  });

  it('an invalid signing time', async () => {
    await expect(renderPledgePdf(authorization, [signature(SHA_A, 'yesterday')])).rejects.toThrow(/ISO-8601/);
  });
});
