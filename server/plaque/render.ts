import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { PARTY_NAME, type PartyRole } from '@/server/authz/roles';
import { cjkFontSources, PDF_FONT, pdfToBuffer } from '@/server/documents/pdf';
import type { PublicBuildingRecord } from './service';

/**
 * The printed 永久性标牌 (124号 art 9): the five parties and their 项目负责人, the building's
 * 设计使用年限 and 竣工日期, and a QR code of its public page. One layout, in millimetres on a
 * 600 × 400 plate, drawn by two back ends: SVG (for a sign maker) and a one-page landscape A4
 * PDF (for the office printer). Always Chinese: it is the sign on the building.
 */

export const PLAQUE_TITLE = '工程质量责任永久性标牌';
export const PLAQUE_FONT_FAMILY = 'Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif';

/** Plate size, mm. */
const WIDTH = 600;
const HEIGHT = 400;
const INK = '#1a1a1a';
const RULE = '#444444';

interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; stroke?: string; strokeWidth?: number; fill?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth: number }
  /** `y` is the baseline; `size` the font size in mm, already shrunk to fit `maxWidth` */
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold?: boolean; anchor: 'start' | 'middle' | 'end'; maxWidth?: number }
  /** The QR code with its 4-module quiet zone, in a `size` square at x, y */
  | { kind: 'qr'; x: number; y: number; size: number; matrix: QrMatrix };

/**
 * Width of a line of text at `size`, estimated from its characters: CJK glyphs are square
 * (1 em), Latin letters and digits about 0.6 em in Noto Sans. Used to shrink a long name to its
 * box; the PDF back end measures exactly and shrinks further if needed.
 */
export function estimateWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) as number) > 0x2e7f ? 1 : 0.6;
  return ems * size;
}

function text(
  x: number,
  y: number,
  value: string,
  size: number,
  opts: { bold?: boolean; anchor?: 'start' | 'middle' | 'end'; maxWidth?: number } = {},
): Shape {
  const { anchor = 'start', bold, maxWidth } = opts;
  const estimated = estimateWidth(value, size);
  const fitted = maxWidth !== undefined && estimated > maxWidth ? (size * maxWidth) / estimated : size;
  return { kind: 'text', x, y, text: value, size: Math.round(fitted * 100) / 100, bold, anchor, maxWidth };
}

/** 2027-06-30 → 2027年6月30日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** The plaque as shapes on the 600 × 400 mm plate. */
function layout(record: PublicBuildingRecord, url: string): Shape[] {
  const { project, building, parties } = record;
  const shapes: Shape[] = [
    { kind: 'rect', x: 0, y: 0, w: WIDTH, h: HEIGHT, fill: '#ffffff' },
    { kind: 'rect', x: 6, y: 6, w: WIDTH - 12, h: HEIGHT - 12, stroke: INK, strokeWidth: 2 },
    { kind: 'rect', x: 10, y: 10, w: WIDTH - 20, h: HEIGHT - 20, stroke: INK, strokeWidth: 0.6 },
    text(WIDTH / 2, 46, PLAQUE_TITLE, 26, { bold: true, anchor: 'middle', maxWidth: 540 }),
    text(WIDTH / 2, 68, `${project.name}　${building.name}`, 12, { anchor: 'middle', maxWidth: 540 }),
    { kind: 'line', x1: 24, y1: 78, x2: WIDTH - 24, y2: 78, stroke: INK, strokeWidth: 0.8 },
  ];

  // The five parties: 责任主体 | 单位名称 | 项目负责人
  const col = { role: 24, org: 104, leader: 326, end: 432 };
  const top = 86;
  const headH = 18;
  const rowH = 30;
  const tableBottom = top + headH + rowH * parties.length;
  shapes.push({ kind: 'rect', x: col.role, y: top, w: col.end - col.role, h: headH, fill: '#eef1f5' });
  // The frame after the header's fill, so the fill does not cover it
  shapes.push({ kind: 'rect', x: col.role, y: top, w: col.end - col.role, h: tableBottom - top, stroke: RULE, strokeWidth: 0.5 });
  for (const x of [col.org, col.leader]) shapes.push({ kind: 'line', x1: x, y1: top, x2: x, y2: tableBottom, stroke: RULE, strokeWidth: 0.5 });
  shapes.push(
    text((col.role + col.org) / 2, top + 12, '责任主体', 8, { bold: true, anchor: 'middle' }),
    text((col.org + col.leader) / 2, top + 12, '单位名称', 8, { bold: true, anchor: 'middle' }),
    text((col.leader + col.end) / 2, top + 12, '项目负责人', 8, { bold: true, anchor: 'middle' }),
  );
  parties.forEach((party, i) => {
    const y = top + headH + rowH * i;
    shapes.push({ kind: 'line', x1: col.role, y1: y, x2: col.end, y2: y, stroke: RULE, strokeWidth: 0.5 });
    shapes.push(text((col.role + col.org) / 2, y + 19, PARTY_NAME[party.role], 11, { bold: true, anchor: 'middle' }));
    shapes.push(...orgName(col.org + 5, y, party.organizationName ?? '—', col.leader - col.org - 10));
    shapes.push(text((col.leader + col.end) / 2, y + 11, party.leaderTitle, 6, { anchor: 'middle', maxWidth: col.end - col.leader - 8 }));
    shapes.push(text((col.leader + col.end) / 2, y + 24, party.leaderName ?? '—', 11, { bold: true, anchor: 'middle', maxWidth: col.end - col.leader - 8 }));
  });

  // QR code of the public page, the building code under it
  const qr = { x: 448, y: top, size: 128 };
  shapes.push({ kind: 'qr', ...qr, matrix: qrMatrix(url) });
  shapes.push(text(qr.x + qr.size / 2, qr.y + qr.size + 12, building.code, 10, { bold: true, anchor: 'middle', maxWidth: qr.size }));
  shapes.push(text(qr.x + qr.size / 2, qr.y + qr.size + 24, '扫码查询工程质量责任档案', 7, { anchor: 'middle', maxWidth: qr.size }));

  // Facts: 设计使用年限, 竣工日期, 地址, 结构, 面积
  const facts = { x: 24, y: tableBottom + 12, w: WIDTH - 48, rowH: 24, labelW: 80, half: (WIDTH - 48) / 2 };
  const rows: [string, string, string?, string?][] = [
    ['设计使用年限', `${building.designWorkingLifeYears} 年`, '竣工日期', building.completedOn ? chineseDate(building.completedOn) : '—'],
    ['工程地址', building.address ?? project.address],
    [
      '结构类型',
      [building.structureType, floors(building.floorsAbove, building.floorsBelow)].filter(Boolean).join('，') || '—',
      '建筑面积',
      building.grossArea ? `${building.grossArea} m²` : '—',
    ],
  ];
  const factsBottom = facts.y + facts.rowH * rows.length;
  shapes.push({ kind: 'rect', x: facts.x, y: facts.y, w: facts.w, h: factsBottom - facts.y, stroke: RULE, strokeWidth: 0.5 });
  rows.forEach(([label, value, label2, value2], i) => {
    const y = facts.y + facts.rowH * i;
    const base = y + 15.5;
    if (i > 0) shapes.push({ kind: 'line', x1: facts.x, y1: y, x2: facts.x + facts.w, y2: y, stroke: RULE, strokeWidth: 0.5 });
    shapes.push({ kind: 'rect', x: facts.x, y, w: facts.labelW, h: facts.rowH, fill: '#eef1f5' });
    shapes.push({ kind: 'line', x1: facts.x + facts.labelW, y1: y, x2: facts.x + facts.labelW, y2: y + facts.rowH, stroke: RULE, strokeWidth: 0.5 });
    shapes.push(text(facts.x + facts.labelW / 2, base, label, 9, { bold: true, anchor: 'middle', maxWidth: facts.labelW - 6 }));
    const valueMax = (label2 ? facts.half : facts.w) - facts.labelW - 10;
    shapes.push(text(facts.x + facts.labelW + 5, base, value, 10, { maxWidth: valueMax }));
    if (label2 !== undefined && value2 !== undefined) {
      const x2 = facts.x + facts.half;
      shapes.push({ kind: 'line', x1: x2, y1: y, x2, y2: y + facts.rowH, stroke: RULE, strokeWidth: 0.5 });
      shapes.push({ kind: 'rect', x: x2, y, w: facts.labelW, h: facts.rowH, fill: '#eef1f5' });
      shapes.push({ kind: 'line', x1: x2 + facts.labelW, y1: y, x2: x2 + facts.labelW, y2: y + facts.rowH, stroke: RULE, strokeWidth: 0.5 });
      shapes.push(text(x2 + facts.labelW / 2, base, label2, 9, { bold: true, anchor: 'middle', maxWidth: facts.labelW - 6 }));
      shapes.push(text(x2 + facts.labelW + 5, base, value2, 10, { maxWidth: facts.half - facts.labelW - 10 }));
    }
  });
  // Fills were drawn over the frame's left edge: draw the frame again on top
  shapes.push({ kind: 'rect', x: facts.x, y: facts.y, w: facts.w, h: factsBottom - facts.y, stroke: RULE, strokeWidth: 0.5 });

  shapes.push(
    text(
      WIDTH / 2,
      HEIGHT - 22,
      '依据《建筑工程五方责任主体项目负责人质量终身责任追究暂行办法》（建质〔2014〕124号）设置',
      7,
      { anchor: 'middle', maxWidth: 540 },
    ),
  );
  return shapes;
}

/** A unit's full name in its row: one line, or two when one line would have to shrink below 3/4. */
function orgName(x: number, rowTop: number, name: string, maxWidth: number): Shape[] {
  const size = 10.5;
  const chars = [...name];
  if (estimateWidth(name, size) * 0.75 <= maxWidth || chars.length < 4) return [text(x, rowTop + 19, name, size, { maxWidth })];
  const half = Math.ceil(chars.length / 2);
  const lines = [chars.slice(0, half).join(''), chars.slice(half).join('')];
  const fitted = Math.min(size, ...lines.map((line) => (size * maxWidth) / estimateWidth(line, size)));
  return lines.map((line, i) => text(x, rowTop + 13.5 + i * 11, line, fitted, { maxWidth }));
}

function floors(above: number | null, below: number | null): string {
  const parts = [above ? `地上${above}层` : '', below ? `地下${below}层` : ''].filter(Boolean);
  return parts.join('、');
}

/** Runs of dark modules per row: [row, firstCol, length]. */
function darkRuns(matrix: QrMatrix): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col++;
      runs.push([row, start, col - start]);
    }
  }
  return runs;
}

const QUIET_ZONE = 4;

// ---------- SVG ----------

const escapeXml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);

const num = (value: number) => String(Math.round(value * 1000) / 1000);

function svgShape(shape: Shape): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.w)}" height="${num(shape.h)}" fill="${shape.fill ?? 'none'}"${
        shape.stroke ? ` stroke="${shape.stroke}" stroke-width="${num(shape.strokeWidth ?? 1)}"` : ''
      }/>`;
    case 'line':
      return `<line x1="${num(shape.x1)}" y1="${num(shape.y1)}" x2="${num(shape.x2)}" y2="${num(shape.y2)}" stroke="${shape.stroke}" stroke-width="${num(shape.strokeWidth)}"/>`;
    case 'text':
      return `<text x="${num(shape.x)}" y="${num(shape.y)}" font-size="${num(shape.size)}"${shape.bold ? ' font-weight="700"' : ''}${
        shape.anchor === 'start' ? '' : ` text-anchor="${shape.anchor}"`
      }>${escapeXml(shape.text)}</text>`;
    case 'qr': {
      const module = shape.size / (shape.matrix.size + 2 * QUIET_ZONE);
      const d = darkRuns(shape.matrix)
        .map(([row, col, length]) => `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${length}v1h-${length}z`)
        .join('');
      return (
        `<rect x="${num(shape.x)}" y="${num(shape.y)}" width="${num(shape.size)}" height="${num(shape.size)}" fill="#ffffff"/>` +
        `<path class="qr" transform="translate(${num(shape.x)} ${num(shape.y)}) scale(${num(module)})" fill="#000000" shape-rendering="crispEdges" d="${d}"/>`
      );
    }
  }
}

/** The plaque as a print-ready SVG: a 600 × 400 mm plate, user units in mm. */
export function plaqueSvg(record: PublicBuildingRecord, url: string): string {
  const title = `${PLAQUE_TITLE} · ${record.project.name} ${record.building.name}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}mm" height="${HEIGHT}mm" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<g font-family="${PLAQUE_FONT_FAMILY}" fill="${INK}">`,
    ...layout(record, url).map(svgShape),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

// ---------- PDF ----------

/** A4 landscape, PDF points. */
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
/** Millimetres of the plate per PDF point, so the plate fills the page less a 6 pt margin. */
const PDF_SCALE = Math.min((A4_LANDSCAPE.width - 12) / WIDTH, (A4_LANDSCAPE.height - 12) / HEIGHT);

function pdfShape(doc: PDFKit.PDFDocument, shape: Shape): void {
  switch (shape.kind) {
    case 'rect':
      doc.rect(shape.x, shape.y, shape.w, shape.h);
      if (shape.fill && shape.stroke) doc.lineWidth(shape.strokeWidth ?? 1).fillAndStroke(shape.fill, shape.stroke);
      else if (shape.fill) doc.fill(shape.fill);
      else if (shape.stroke) doc.lineWidth(shape.strokeWidth ?? 1).stroke(shape.stroke);
      return;
    case 'line':
      doc.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).lineWidth(shape.strokeWidth).stroke(shape.stroke);
      return;
    case 'text': {
      doc.font(shape.bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(shape.size);
      let size = shape.size;
      let width = doc.widthOfString(shape.text);
      if (shape.maxWidth !== undefined && width > shape.maxWidth) {
        size = (size * shape.maxWidth) / width;
        doc.fontSize(size);
        width = doc.widthOfString(shape.text);
      }
      const x = shape.anchor === 'middle' ? shape.x - width / 2 : shape.anchor === 'end' ? shape.x - width : shape.x;
      doc.fillColor(INK).text(shape.text, x, shape.y, { lineBreak: false, baseline: 'alphabetic' });
      return;
    }
    case 'qr': {
      const module = shape.size / (shape.matrix.size + 2 * QUIET_ZONE);
      doc.rect(shape.x, shape.y, shape.size, shape.size).fill('#ffffff');
      for (const [row, col, length] of darkRuns(shape.matrix)) {
        doc.rect(shape.x + (col + QUIET_ZONE) * module, shape.y + (row + QUIET_ZONE) * module, length * module, module);
      }
      doc.fill('#000000');
      return;
    }
  }
}

/**
 * The same plaque as a one-page landscape A4 PDF, Noto Sans SC embedded as a subset. The fonts and
 * the byte collection come from the shared helper (server/documents/pdf.ts); the document is set up
 * here because the helper makes portrait pages only.
 */
export function plaquePdf(record: PublicBuildingRecord, url: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${PLAQUE_TITLE} · ${record.project.name} ${record.building.name}`,
      Subject: record.building.code,
      Author: 'BuildLedger',
      Creator: 'BuildLedger',
    },
  });
  const fonts = cjkFontSources();
  doc.registerFont(PDF_FONT.regular, fonts.regular);
  doc.registerFont(PDF_FONT.bold, fonts.bold);
  doc.font(PDF_FONT.regular);

  doc.save();
  doc.translate((A4_LANDSCAPE.width - WIDTH * PDF_SCALE) / 2, (A4_LANDSCAPE.height - HEIGHT * PDF_SCALE) / 2);
  doc.scale(PDF_SCALE);
  for (const shape of layout(record, url)) pdfShape(doc, shape);
  doc.restore();
  return pdfToBuffer(doc);
}
