import type { AuthorizationContent, PledgeContent, PledgeDocumentContent, SignatureMark } from '@/server/pledges/content';
import { createPdfDocument, decoratePages, drawWatermark, PAGE_MARGIN, PDF_FONT, pdfToBuffer } from './pdf';

/**
 * The signed pledge documents as PDF, laid out after 建办质〔2014〕44号:
 * 附件1 法定代表人授权书 and 附件2 工程质量终身责任承诺书. What is shown comes
 * only from the signed content and its signature marks; with no signature
 * the document is a preview and says so on every page.
 */

const PLEDGE_TITLES = {
  'leader-authorization': '法定代表人授权书',
  'lifelong-pledge': '工程质量终身责任承诺书',
} as const satisfies Record<PledgeDocumentContent['kind'], string>;

const PREVIEW = '预览 · 未签署';

const BODY_SIZE = 11.5;
const FOOTER_SIZE = 7.5;
const LINE_GAP = 5;
const LABEL_WIDTH = 104;
const CELL_PAD = 5;
const RULE_COLOR = '#999999';
const MUTED = '#555555';

export async function renderPledgePdf(content: PledgeDocumentContent, signatures: SignatureMark[]): Promise<Buffer> {
  const contentSha256 = signedContentSha256(signatures);
  const preview = contentSha256 === null;
  const title = PLEDGE_TITLES[content.kind];

  const doc = createPdfDocument({
    title: `${title} · ${workName(content)} · ${content.leader.name}`,
    subject: `建办质〔2014〕44号 ${content.kind === 'leader-authorization' ? '附件1' : '附件2'} ${title}${preview ? `（${PREVIEW}）` : ''}`,
    keywords: [content.project.code, content.building.code, content.party.organizationName, ...(contentSha256 ? [contentSha256] : [])],
    createdAt: preview ? shanghaiMidnight(documentDate(content)) : latestSignedAt(signatures),
  });

  // Title
  doc.font(PDF_FONT.bold).fontSize(20).text(title, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc
    .font(PDF_FONT.regular)
    .fontSize(9)
    .fillColor(MUTED)
    .text(`（建办质〔2014〕44号 ${content.kind === 'leader-authorization' ? '附件1' : '附件2'}）`, { align: 'center' });
  if (preview) {
    doc.moveDown(0.3);
    doc.font(PDF_FONT.bold).fontSize(11).fillColor('#b42318').text(`${PREVIEW}：本文件尚未签署，不具有效力`, { align: 'center' });
  }
  doc.fillColor('black').moveDown(1);

  if (content.kind === 'leader-authorization') drawAuthorization(doc, content, signatures);
  else drawPledge(doc, content, signatures);

  decoratePages(doc, ({ index, count }) => {
    if (preview) drawWatermark(doc, PREVIEW);
    drawFooter(doc, contentSha256, index, count);
  });
  return pdfToBuffer(doc);
}

// ——— the two documents ———

function drawAuthorization(doc: PDFKit.PDFDocument, c: AuthorizationContent, signatures: SignatureMark[]): void {
  fieldTable(doc, [
    ['授权单位（全称）', c.party.organizationName],
    ['统一社会信用代码', c.party.uscc],
    ['法定代表人', c.party.legalRepresentativeName],
    ['工程名称', workName(c)],
    ['工程地址', c.project.address],
    ['被授权人姓名', c.leader.name],
    ['身份证号', c.leader.idNumber],
    ['注册执业资格', c.leader.qualificationType],
    ['注册执业证号', c.leader.qualificationNo],
    ['担任的职务', c.leader.title],
  ]);
  doc.moveDown(1);
  paragraph(doc, composed(`兹授权 ${c.leader.name} 同志担任 ${workName(c)} 工程的${c.leader.title}`, c.scopeText, '兹授权'));
  paragraph(doc, `授权日期：${chineseDate(c.authorizedOn)}`);
  doc.moveDown(1);

  signatureBlock(doc, '被授权人签字', signatures);
  label(doc, '法定代表人签字 / 单位盖章');
  note(
    doc,
    `由法定代表人 ${c.party.legalRepresentativeName} 签字并加盖 ${c.party.organizationName} 公章的纸质原件，以扫描件作为本授权书的附件存档，其 SHA-256 已绑定在本记录中。`,
  );
}

function drawPledge(doc: PDFKit.PDFDocument, c: PledgeContent, signatures: SignatureMark[]): void {
  paragraph(
    doc,
    composed(
      `本人受 ${c.party.organizationName}（法定代表人 ${c.party.legalRepresentativeName}）授权，担任 ${workName(c)} 工程的${c.leader.title}`,
      c.pledgeText,
      '本人受',
    ),
  );
  paragraph(doc, `本工程设计使用年限 ${c.building.designWorkingLifeYears} 年。`);
  doc.moveDown(0.5);
  fieldTable(doc, [
    ['工程名称', workName(c)],
    ['工程地址', c.project.address],
    ['承诺人', c.leader.name],
    ['身份证号', c.leader.idNumber],
    ['注册执业资格', c.leader.qualificationType],
    ['注册执业证号', c.leader.qualificationNo],
    ['担任的职务', c.leader.title],
    ['授权单位', `${c.party.organizationName}（统一社会信用代码 ${c.party.uscc}）`],
    ['签字日期', chineseDate(c.signedOn)],
  ]);
  doc.moveDown(1);
  label(doc, '所依据的法定代表人授权书');
  note(doc, `文件编号 ${c.authorization.documentId}`);
  note(doc, `内容 SHA-256 ${c.authorization.contentSha256}`);
  doc.moveDown(0.8);
  signatureBlock(doc, '承诺人签字', signatures);
}

// ——— building blocks ———

/** `intro，text` — unless the role's fixed text already opens the sentence itself. */
function composed(intro: string, text: string, opening: string): string {
  const body = text.trim();
  if (body.startsWith(opening)) return body;
  return `${intro}${/^(本人|我)/.test(body) ? '。' : '，'}${body}`;
}

function workName(c: PledgeDocumentContent): string {
  return `${c.project.name} ${c.building.name}`;
}

function documentDate(c: PledgeDocumentContent): string {
  return c.kind === 'leader-authorization' ? c.authorizedOn : c.signedOn;
}

function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .font(PDF_FONT.regular)
    .fontSize(BODY_SIZE)
    .fillColor('black')
    .text(text, PAGE_MARGIN, doc.y, { width: bodyWidth(doc), align: 'left', indent: 2 * BODY_SIZE, lineGap: LINE_GAP });
  doc.moveDown(0.5);
}

function label(doc: PDFKit.PDFDocument, text: string): void {
  keepRoom(doc, 3 * doc.currentLineHeight(true));
  doc.font(PDF_FONT.bold).fontSize(BODY_SIZE).fillColor('black').text(`${text}：`, PAGE_MARGIN, doc.y, { width: bodyWidth(doc) });
  doc.moveDown(0.3);
}

function note(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .font(PDF_FONT.regular)
    .fontSize(10)
    .fillColor('black')
    .text(text, PAGE_MARGIN + 2 * BODY_SIZE, doc.y, { width: bodyWidth(doc) - 2 * BODY_SIZE, lineGap: 3 });
  doc.moveDown(0.3);
}

function signatureBlock(doc: PDFKit.PDFDocument, heading: string, signatures: SignatureMark[]): void {
  label(doc, heading);
  if (signatures.length === 0) {
    note(doc, `（${PREVIEW}）`);
  } else {
    for (const s of signatures) {
      note(doc, `电子签名：${s.signerName}  ${shanghaiDateTime(s.signedAt)}  密钥指纹 ${s.keyFingerprint.slice(0, 16)}…`);
    }
  }
  doc.moveDown(0.8);
}

/** Label | value rows with ruled cells; a row never splits across pages. */
function fieldTable(doc: PDFKit.PDFDocument, rows: [string, string][]): void {
  const left = PAGE_MARGIN;
  const width = bodyWidth(doc);
  const valueWidth = width - LABEL_WIDTH - 2 * CELL_PAD;
  doc.fontSize(BODY_SIZE).lineWidth(0.6).strokeColor(RULE_COLOR);
  let y = doc.y;
  for (const [name, value] of rows) {
    doc.font(PDF_FONT.regular);
    const height =
      Math.max(
        doc.heightOfString(value, { width: valueWidth, lineGap: 2 }),
        doc.font(PDF_FONT.bold).heightOfString(name, { width: LABEL_WIDTH - 2 * CELL_PAD, lineGap: 2 }),
      ) +
      2 * CELL_PAD;
    if (y + height > doc.page.height - doc.page.margins.bottom && y > doc.page.margins.top) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc.rect(left, y, width, height).stroke();
    doc
      .moveTo(left + LABEL_WIDTH, y)
      .lineTo(left + LABEL_WIDTH, y + height)
      .stroke();
    doc.fillColor('#222222').font(PDF_FONT.bold).text(name, left + CELL_PAD, y + CELL_PAD, { width: LABEL_WIDTH - 2 * CELL_PAD, lineGap: 2 });
    doc
      .fillColor('black')
      .font(PDF_FONT.regular)
      .text(value, left + LABEL_WIDTH + CELL_PAD, y + CELL_PAD, { width: valueWidth, lineGap: 2 });
    y += height;
  }
  doc.x = left;
  doc.y = y;
}

function keepRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function bodyWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function drawFooter(doc: PDFKit.PDFDocument, contentSha256: string | null, index: number, count: number): void {
  const y = doc.page.height - PAGE_MARGIN + 14;
  const width = bodyWidth(doc);
  doc
    .moveTo(PAGE_MARGIN, y - 5)
    .lineTo(PAGE_MARGIN + width, y - 5)
    .lineWidth(0.5)
    .strokeColor(RULE_COLOR)
    .stroke();
  doc.font(PDF_FONT.regular).fontSize(FOOTER_SIZE).fillColor(MUTED);
  const pageText = `第 ${index + 1} 页 共 ${count} 页`;
  // Spaces of about half an em: poppler reads narrower gaps between CJK glyphs as no space at all ("第1页共1页").
  const wordSpacing = 0.3 * FOOTER_SIZE;
  const pageWidth = doc.widthOfString(pageText) + wordSpacing * (pageText.split(' ').length - 1);
  doc.text(contentSha256 ? `内容 SHA-256 ${contentSha256}` : `${PREVIEW} · 内容未定稿，无摘要`, PAGE_MARGIN, y, {
    width: width - pageWidth - 12,
    lineBreak: false,
  });
  doc.text(pageText, PAGE_MARGIN + width - pageWidth, y, { lineBreak: false, wordSpacing });
}

// ——— signatures and dates ———

/** The content hash the signatures attest, or null for a preview (no signatures). */
function signedContentSha256(signatures: SignatureMark[]): string | null {
  if (signatures.length === 0) return null;
  const hashes = new Set(signatures.map((s) => s.contentSha256));
  const [hash] = hashes;
  if (hashes.size !== 1 || !/^[0-9a-f]{64}$/.test(hash!)) {
    throw new Error('renderPledgePdf: signatures must attest one lower-case hex SHA-256 of the content');
  }
  for (const s of signatures) {
    if (!/^[0-9a-f]{16,}$/i.test(s.keyFingerprint)) throw new Error('renderPledgePdf: keyFingerprint must be hex');
    shanghaiDateTime(s.signedAt); // throws on an invalid time
  }
  return hash!;
}

function latestSignedAt(signatures: SignatureMark[]): Date {
  return new Date(Math.max(...signatures.map((s) => Date.parse(s.signedAt))));
}

function shanghaiMidnight(date: string): Date {
  const at = new Date(`${date}T00:00:00+08:00`);
  if (Number.isNaN(at.getTime())) throw new Error(`renderPledgePdf: not a YYYY-MM-DD date: ${date}`);
  return at;
}

/** 2026-11-25 → 2026 年 11 月 25 日 */
function chineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`renderPledgePdf: not a YYYY-MM-DD date: ${date}`);
  return `${match[1]} 年 ${Number(match[2])} 月 ${Number(match[3])} 日`;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** ISO-8601 → yyyy-MM-dd HH:mm:ss in Asia/Shanghai. */
export function shanghaiDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`renderPledgePdf: not an ISO-8601 time: ${iso}`);
  const part = Object.fromEntries(SHANGHAI.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
