/**
 * Acceptance of a 检验批 (GB 50300 5.0.1 ✅; GB 55032 4.2.2 ✅) and the minimum sample of
 * 计数抽样 (GB 50300 3.0.9 ✅), as functions of the record's items. The app computes the
 * verdict; the signer confirms it.
 */

/** GB 50300 3.0.9: minimum sample per lot size (the specialty code may require more). */
const MIN_SAMPLE: [maxLotSize: number, sample: number][] = [
  [15, 2],
  [25, 3],
  [90, 5],
  [150, 8],
  [280, 13],
  [500, 20],
  [1200, 32],
  [3200, 50],
];

/** The minimum sample for a lot of `lotSize`; the whole lot when it has one unit; null above the table (3,200). */
export function minimumSample(lotSize: number): number | null {
  if (!Number.isInteger(lotSize) || lotSize < 1) throw new RangeError('lot size must be a positive integer');
  if (lotSize === 1) return 1;
  return MIN_SAMPLE.find(([max]) => lotSize <= max)?.[1] ?? null;
}

/**
 * 一般项目: the pass rate each 专业验收规范 sets per 检验项目 ⚠️; 80% is the common figure and the
 * default here, overridable per item.
 */
export const DEFAULT_GENERAL_PASS_RATE = 0.8;

export type ItemKind = 'MAIN' | 'GENERAL';

export interface InspectionItem {
  kind: ItemKind;
  /** 设计要求及规范规定 */
  requirement: string;
  /** 最小抽样数量 the specialty code or 3.0.9 requires */
  minSample: number;
  /** 实际抽样数量 */
  sampled: number;
  /** how many of the sampled passed */
  passed: number;
  /** 一般项目: a 严重缺陷 fails the item whatever the rate */
  severeDefect?: boolean;
  /** 一般项目: the required pass rate, 0–1 */
  passRate?: number;
}

export type ItemProblem = 'UNDER_SAMPLED' | 'MAIN_ITEM_FAILED' | 'PASS_RATE_TOO_LOW' | 'SEVERE_DEFECT' | 'PASSED_EXCEEDS_SAMPLED';

export interface ItemVerdict {
  pass: boolean;
  problems: ItemProblem[];
  /** passed / sampled, for display */
  rate: number;
}

export function itemVerdict(item: InspectionItem): ItemVerdict {
  const problems: ItemProblem[] = [];
  const rate = item.sampled > 0 ? item.passed / item.sampled : 0;
  if (item.passed > item.sampled) problems.push('PASSED_EXCEEDS_SAMPLED');
  if (item.sampled < item.minSample || item.sampled === 0) problems.push('UNDER_SAMPLED');
  if (item.kind === 'MAIN') {
    // 主控项目: every sampled unit passes.
    if (item.passed < item.sampled) problems.push('MAIN_ITEM_FAILED');
  } else {
    if (rate < (item.passRate ?? DEFAULT_GENERAL_PASS_RATE)) problems.push('PASS_RATE_TOO_LOW');
    if (item.severeDefect) problems.push('SEVERE_DEFECT');
  }
  return { pass: problems.length === 0, problems, rate };
}

export type LotProblem = 'NO_MAIN_ITEMS' | 'NO_CONSTRUCTION_BASIS' | 'NO_ACCEPTANCE_BASIS';

export interface LotVerdict {
  verdict: 'PASS' | 'FAIL';
  items: ItemVerdict[];
  problems: LotProblem[];
}

/**
 * 检验批合格: 主控项目 all pass; 一般项目 pass at their rate with no 严重缺陷; 施工操作依据 and
 * 质量验收记录 complete (here: the construction and acceptance bases are named).
 */
export function lotVerdict(record: { items: InspectionItem[]; constructionBasis: string; acceptanceBasis: string }): LotVerdict {
  const items = record.items.map(itemVerdict);
  const problems: LotProblem[] = [];
  if (!record.items.some((i) => i.kind === 'MAIN')) problems.push('NO_MAIN_ITEMS');
  if (record.constructionBasis.trim() === '') problems.push('NO_CONSTRUCTION_BASIS');
  if (record.acceptanceBasis.trim() === '') problems.push('NO_ACCEPTANCE_BASIS');
  const pass = problems.length === 0 && items.every((i) => i.pass);
  return { verdict: pass ? 'PASS' : 'FAIL', items, problems };
}
