/**
 * Whether a material batch may be used in a 检验批 (acceptance-gb50300.md §§7–8): 条例 art 37,
 * 未经监理工程师签字，建筑材料不得在工程上使用 — the 监理 accepted its 进场验收; art 29, 未经检验或检验不合格的
 * 材料不得使用 — no sample of it failed, and none still awaits its lab result (docs/decisions/008).
 * Pure: the inspections service enforces it, the self-check form shows it.
 */

export type MaterialRefusalCode = 'MATERIAL_SAMPLE_FAILED' | 'MATERIAL_NOT_APPROVED' | 'MATERIAL_SAMPLE_PENDING';

export interface ReceiptForUse {
  approval: { decision: 'ACCEPTED' | 'REJECTED' } | null;
  samples: { sampleNo: string; result: { passed: boolean } | null }[];
}

/** Why the batch may not be used (the most serious reason first, with the samples it names), or null. */
export function materialRefusal(receipt: ReceiptForUse): { code: MaterialRefusalCode; sampleNos: string[] } | null {
  const failed = receipt.samples.filter((s) => s.result?.passed === false);
  if (failed.length > 0) return { code: 'MATERIAL_SAMPLE_FAILED', sampleNos: failed.map((s) => s.sampleNo) };
  if (receipt.approval?.decision !== 'ACCEPTED') return { code: 'MATERIAL_NOT_APPROVED', sampleNos: [] };
  const pending = receipt.samples.filter((s) => s.result === null);
  if (pending.length > 0) return { code: 'MATERIAL_SAMPLE_PENDING', sampleNos: pending.map((s) => s.sampleNo) };
  return null;
}
