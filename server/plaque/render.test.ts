import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { PLAQUE_FONT_FAMILY, PLAQUE_TITLE, plaquePdf, plaqueSvg } from './render';
import type { PublicBuildingRecord } from './service';

const URL = 'https://gczl.example.cn/b/BL-350104-0001';

function record(overrides: { completedOn?: string | null } = {}): PublicBuildingRecord {
  return {
    project: { name: '滨江花园二期', address: '福建省福州市仓山区浦上大道 208 号' },
    building: {
      code: 'BL-350104-0001',
      name: '1#住宅楼',
      address: null,
      structureType: '框架-剪力墙结构',
      floorsAbove: 18,
      floorsBelow: 2,
      grossArea: '12850.50',
      designWorkingLifeYears: 50,
      plannedStartOn: '2026-03-01',
      plannedCompletionOn: '2028-06-30',
      completedOn: overrides.completedOn ?? null,
    },
    parties: [
      { role: 'OWNER', leaderTitle: '建设单位项目负责人', organizationName: '福州滨江置业有限公司', leaderName: '陈建华' },
      { role: 'SURVEY', leaderTitle: '勘察单位项目负责人', organizationName: '福建闽岩岩土工程勘察有限公司', leaderName: '林志远' },
      { role: 'DESIGN', leaderTitle: '设计单位项目负责人', organizationName: '福州榕城建筑设计研究院有限公司', leaderName: '黄雅琴' },
      { role: 'CONSTRUCTION', leaderTitle: '施工单位项目经理', organizationName: '闽江建工集团有限公司', leaderName: '王海峰' },
      // A party not registered yet: the plaque shows a dash, never invents a name
      { role: 'SUPERVISION', leaderTitle: '总监理工程师', organizationName: null, leaderName: null },
    ],
    warranty: null,
    chain: { ok: true, length: 3, head: 'ab'.repeat(32), verifiedAt: new Date('2026-11-25T08:00:00Z') },
  };
}

const NAMES = ['滨江花园二期', '1#住宅楼', '福州滨江置业有限公司', '陈建华', '福建闽岩岩土工程勘察有限公司', '林志远', '黄雅琴', '闽江建工集团有限公司', '王海峰'];

/** The dark modules the SVG's QR path draws, as "row,col" (the path is runs `M<col> <row>h<n>v1h-<n>z`, quiet zone 4). */
function modulesOfPath(d: string): Set<string> {
  const dark = new Set<string>();
  for (const [, col, row, length] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let k = 0; k < Number(length); k++) dark.add(`${Number(row) - 4},${Number(col) - 4 + k}`);
  }
  return dark;
}

describe('plaqueSvg', () => {
  const svg = plaqueSvg(record(), URL);

  it('is a 600 × 400 mm drawing with the title, the names and the building code', () => {
    expect(svg).toMatch(/^<\?xml[^>]*\?>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="600mm" height="400mm" viewBox="0 0 600 400">/);
    expect(svg).toContain(PLAQUE_TITLE);
    for (const name of NAMES) expect(svg).toContain(name);
    expect(svg).toContain('BL-350104-0001');
    expect(svg).toContain('设计使用年限');
    expect(svg).toContain('50 年');
    expect(svg).toContain(`font-family="${PLAQUE_FONT_FAMILY}"`);
  });

  it('shows — for a missing party and an unset completion date, and the date once set', () => {
    expect(svg).toMatch(/竣工日期<\/text>\s*<text[^>]*>—<\/text>/);
    expect(plaqueSvg(record({ completedOn: '2027-06-30' }), URL)).toContain('2027年6月30日');
  });

  it('draws the QR code of the URL as a path, module for module', () => {
    const d = svg.match(/<path class="qr"[^>]* d="([^"]+)"/)?.[1];
    expect(d).toBeTruthy();
    const { modules } = QRCode.create(URL, { errorCorrectionLevel: 'M' });
    const expected = new Set<string>();
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) expected.add(`${r},${c}`);
    expect(modulesOfPath(d!)).toEqual(expected);
  });

  it('escapes text for XML', () => {
    const tricky = record();
    tricky.project.name = '<A&B> "工程"';
    const out = plaqueSvg(tricky, URL);
    expect(out).toContain('&lt;A&amp;B&gt; &quot;工程&quot;');
    expect(out).not.toContain('<A&B>');
  });
});

describe('plaquePdf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaque-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is one landscape A4 page whose text (pdftotext) has the Chinese names', async () => {
    const pdf = await plaquePdf(record(), URL);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'plaque.pdf');
    fs.writeFileSync(file, pdf);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(PLAQUE_TITLE);
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain('BL-350104-0001');
    expect(text).toContain('设计使用年限');

    // The CJK font is embedded as a subset (its name carries a six-letter subset tag)
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s.*yes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica/);
  });
});
