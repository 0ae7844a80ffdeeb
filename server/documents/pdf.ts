import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CJK_FONT } from './fonts';

/**
 * The one way BuildLedger makes a PDF: pdfkit, A4, Noto Sans SC registered
 * (embedded as a subset, so Chinese text renders and extracts anywhere),
 * PDF/A-3b metadata, and the same bytes for the same inputs.
 *
 *   const doc = createPdfDocument({ title: '…', createdAt });
 *   doc.font(PDF_FONT.bold).fontSize(18).text('标题', { align: 'center' });
 *   decoratePages(doc, ({ index, count }) => …); // footers need `bufferPages` (on by default)
 *   const bytes = await pdfToBuffer(doc);
 */

/** Names registered on every document made here. Never draw with pdfkit's default Helvetica: it is not embedded (PDF/A) and has no Chinese glyphs. */
export const PDF_FONT = { regular: 'CJK', bold: 'CJK-Bold' } as const;

/** Points per centimetre. */
export const CM = 72 / 2.54;
/** Default page margin: 2 cm. */
export const PAGE_MARGIN = 2 * CM;

export interface PdfMetadata {
  title: string;
  subject?: string;
  keywords?: string[];
  /**
   * Written as the CreationDate (Info and XMP) and hashed into the file ID:
   * pass a time derived from the content (e.g. when it was signed), never
   * "now", so that the same inputs give the same bytes.
   */
  createdAt: Date;
}

export interface PdfOptions {
  /** Page margins in points; default 2 cm on every side. */
  margins?: { top: number; right: number; bottom: number; left: number };
  /** Declare PDF/A-3b (XMP identification, sRGB output intent, PDF 1.7). Default true. */
  pdfa?: boolean;
}

type FontSource = PDFKit.Mixins.PDFFontSource;

/** The part of a fontkit Font used here (pdfkit's typings do not describe fontkit). */
interface ParsedFont {
  unitsPerEm: number;
  layout(text: string): {
    glyphs: { path: { toSVG(): string } }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
}

function isParsedFont(font: unknown): font is ParsedFont {
  return typeof (font as { layout?: unknown } | null)?.layout === 'function';
}

let fontCache: { regular: FontSource; bold: FontSource } | undefined;

/**
 * Noto Sans SC, read from disk once per process. pdfkit accepts an
 * already-parsed fontkit Font (pdfkit ≥ 0.17), which saves re-parsing the
 * 10 MB TTF for every document (~27 ms → ~7 ms per page). pdfkit exposes no
 * parser, so the parsed font is taken from a throwaway document; if a later
 * pdfkit changes that, the raw bytes are used instead (slower, same output).
 */
export function cjkFontSources(): { regular: FontSource; bold: FontSource } {
  fontCache ??= { regular: parsedFont(readFileSync(CJK_FONT.regular)), bold: parsedFont(readFileSync(CJK_FONT.bold)) };
  return fontCache;
}

function parsedFont(bytes: Buffer): FontSource {
  try {
    const probe = new PDFDocument({ autoFirstPage: false }).font(bytes);
    const font: unknown = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
    // A fontkit Font; pdfkit's own typings only list byte sources.
    if (isParsedFont(font)) return font as unknown as FontSource;
  } catch {
    // fall through to the bytes
  }
  return bytes;
}

/** XMP is written by pdfkit without escaping: keep markup characters out of the metadata. */
function xmpSafe(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '＆', '<': '＜', '>': '＞' })[c]!);
}

/** A new A4 document with the CJK fonts registered and selected (regular, 12 pt). Pages are buffered until `pdfToBuffer`. */
export function createPdfDocument(meta: PdfMetadata, options: PdfOptions = {}): PDFKit.PDFDocument {
  if (Number.isNaN(meta.createdAt.getTime())) throw new RangeError('createPdfDocument: createdAt is not a valid date');
  const pdfa = options.pdfa ?? true;
  const doc = new PDFDocument({
    size: 'A4',
    margins: options.margins ?? { top: PAGE_MARGIN, right: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    ...(pdfa ? { subset: 'PDF/A-3b' as const } : {}),
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: xmpSafe(meta.title),
      Author: 'BuildLedger',
      Creator: 'BuildLedger',
      CreationDate: meta.createdAt,
      ...(meta.subject ? { Subject: xmpSafe(meta.subject) } : {}),
      ...(meta.keywords?.length ? { Keywords: xmpSafe(meta.keywords.join(', ')) } : {}),
    },
  });
  const fonts = cjkFontSources();
  doc.registerFont(PDF_FONT.regular, fonts.regular);
  doc.registerFont(PDF_FONT.bold, fonts.bold);
  doc.font(PDF_FONT.regular).fontSize(12);
  return doc;
}

export interface PageInfo {
  /** 0-based */
  index: number;
  count: number;
}

/**
 * Draws on every page once the content is laid out (footers, "第 N 页 共 M
 * 页", watermarks). Inside `draw` the bottom margin is lifted, so text placed
 * in it does not start a new page; position text explicitly (x, y).
 */
export function decoratePages(doc: PDFKit.PDFDocument, draw: (page: PageInfo) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index++) {
    doc.switchToPage(start + index);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc.save();
    try {
      draw({ index, count });
    } finally {
      doc.restore();
      margins.bottom = bottom;
    }
  }
}

/**
 * A large, faint, diagonal word across the current page (e.g. 预览 · 未签署),
 * drawn as glyph outlines rather than text, so that it does not break into
 * the text a reader copies or pdftotext extracts. Call it from `decoratePages`.
 */
export function drawWatermark(doc: PDFKit.PDFDocument, text: string, options: { color?: string; opacity?: number } = {}): void {
  const { width, height } = doc.page;
  const angle = -Math.atan2(height, width) * (180 / Math.PI);
  const font = cjkFontSources().bold;
  doc.save();
  doc.fillColor(options.color ?? '#b42318').fillOpacity(options.opacity ?? 0.1);
  doc.rotate(angle, { origin: [width / 2, height / 2] });
  if (isParsedFont(font)) {
    const run = font.layout(text);
    const advance = run.positions.reduce((sum, p) => sum + p.xAdvance, 0);
    // 60% of the page diagonal
    const size = (0.6 * Math.hypot(width, height) * font.unitsPerEm) / advance;
    const scale = size / font.unitsPerEm;
    let x = width / 2 - (advance * scale) / 2;
    const baseline = height / 2 + 0.35 * size;
    run.glyphs.forEach((glyph, i) => {
      const p = run.positions[i]!;
      doc.save();
      doc.translate(x + p.xOffset * scale, baseline - p.yOffset * scale).scale(scale, -scale);
      doc.path(glyph.path.toSVG()).fill();
      doc.restore();
      x += p.xAdvance * scale;
    });
  } else {
    // No parsed font (see cjkFontSources): plain text, still embedded, but extractable.
    doc.font(PDF_FONT.bold).fontSize(64);
    doc.text(text, width / 2 - doc.widthOfString(text) / 2, height / 2 - 32, { lineBreak: false });
  }
  doc.restore();
}

/** Ends the document and returns its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
