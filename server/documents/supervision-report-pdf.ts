import { createPdfDocument, decoratePages, PDF_FONT, pdfToBuffer } from './pdf';
import { shanghaiDateTime } from './pledge-pdf';

/** 工程质量监督报告 as signed content (server/supervision/report.ts builds it from the records). */
export interface SupervisionReportContent {
  id: string;
  agency: { name: string };
  project: { name: string; code: string };
  building: { code: string; name: string; address: string | null; structureType: string | null };
  parties: { role: string; title: string; organization: string | null; leader: string | null }[];
  completion: { heldOn: string; signers: { title: string; name: string; agrees: boolean }[] };
  divisions: { code: string; name: string; heldOn: string }[];
  lots: { total: number; accepted: number };
  materials: { receipts: number; samples: number; witnessed: number; failed: number };
  supervision: { inspections: number; firstOn: string | null; lastOn: string | null };
  notices: { number: string; party: string; issuedOn: string; deadline: string; closed: boolean }[];
  suspensions: { issuer: string; issuedOn: string; lifted: boolean }[];
  conclusion: string;
  inspector: { name: string; title: string };
  signedAt: string;
}

const MUTED = '#555555';

export async function renderSupervisionReportPdf(c: SupervisionReportContent, contentSha256: string): Promise<Buffer> {
  const doc = createPdfDocument({
    title: `建设工程质量监督报告 · ${c.project.name} ${c.building.name}`,
    subject: `${c.agency.name} 工程质量监督报告`,
    keywords: [c.project.code, c.building.code, contentSha256],
    createdAt: new Date(c.signedAt),
  });
  const heading = (text: string) => doc.moveDown(0.6).font(PDF_FONT.bold).fontSize(12).fillColor('black').text(text).moveDown(0.2);
  const line = (text: string) => doc.font(PDF_FONT.regular).fontSize(10).fillColor('black').text(text, { lineGap: 3 });

  doc.font(PDF_FONT.bold).fontSize(20).text('建设工程质量监督报告', { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3).font(PDF_FONT.regular).fontSize(10).fillColor(MUTED).text(c.agency.name, { align: 'center' });

  heading('一、工程概况');
  line(`工程名称：${c.project.name}（${c.project.code}）${c.building.name}`);
  line(`标牌编号：${c.building.code}`);
  if (c.building.address) line(`工程地址：${c.building.address}`);
  if (c.building.structureType) line(`结构类型：${c.building.structureType}`);

  heading('二、五方责任主体及项目负责人');
  for (const p of c.parties) line(`${p.title}：${p.leader ?? '（未设）'}　${p.organization ?? ''}`);

  heading('三、工程实体质量与验收');
  line(`检验批 ${c.lots.total} 个，已验收 ${c.lots.accepted} 个。`);
  for (const d of c.divisions) line(`分部工程 ${d.code} ${d.name}：${d.heldOn} 验收合格`);
  line(`材料进场验收 ${c.materials.receipts} 批；试件 ${c.materials.samples} 组，其中见证取样 ${c.materials.witnessed} 组，不合格 ${c.materials.failed} 组。`);

  heading('四、质量监督情况');
  line(`监督检查 ${c.supervision.inspections} 次${c.supervision.firstOn ? `（${c.supervision.firstOn} 至 ${c.supervision.lastOn}）` : ''}。`);
  if (c.notices.length === 0) line('未下发整改通知单。');
  for (const n of c.notices) line(`整改通知单 ${n.number}（${n.party}，${n.issuedOn} 下发，期限 ${n.deadline}）：${n.closed ? '已闭合' : '未闭合'}`);
  for (const s of c.suspensions) line(`${s.issuer} ${s.issuedOn}：${s.lifted ? '已复工' : '暂停中'}`);

  heading('五、竣工验收');
  line(`竣工验收日期：${c.completion.heldOn}`);
  for (const s of c.completion.signers) line(`${s.title} ${s.name}：${s.agrees ? '同意' : '不同意'}`);

  heading('六、监督结论');
  line(c.conclusion);

  doc.moveDown(1.2);
  line(`监督人员：${c.inspector.title} ${c.inspector.name}（电子签名）`);
  line(`签署时间：${shanghaiDateTime(c.signedAt)}`);

  decoratePages(doc, ({ index, count }) => {
    const { width, height, margins } = doc.page;
    doc.font(PDF_FONT.regular).fontSize(7).fillColor(MUTED);
    doc.text(`内容 SHA-256：${contentSha256}`, margins.left, height - 40, { width: width - margins.left - margins.right, lineBreak: false });
    doc.text(`第 ${index + 1} 页 共 ${count} 页`, margins.left, height - 28, { width: width - margins.left - margins.right, align: 'center', lineBreak: false });
  });
  return pdfToBuffer(doc);
}
