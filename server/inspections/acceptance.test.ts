import { describe, expect, test } from 'vitest';
import { lotVerdict, minimumSample, type InspectionItem } from './acceptance';
import { CATALOG, findItem, findSubdivision } from './catalog';

describe('minimum sample (GB 50300 3.0.9)', () => {
  test.each([
    [1, 1],
    [2, 2],
    [15, 2],
    [16, 3],
    [25, 3],
    [26, 5],
    [90, 5],
    [91, 8],
    [150, 8],
    [151, 13],
    [280, 13],
    [281, 20],
    [500, 20],
    [501, 32],
    [1200, 32],
    [1201, 50],
    [3200, 50],
  ])('a lot of %i → %i', (size, sample) => expect(minimumSample(size)).toBe(sample));

  test('beyond the table the specialty code decides; nonsense sizes are refused', () => {
    expect(minimumSample(3201)).toBeNull();
    expect(() => minimumSample(0)).toThrow(RangeError);
    expect(() => minimumSample(2.5)).toThrow(RangeError);
  });
});

const main = (sampled: number, passed: number, minSample = 5): InspectionItem => ({ kind: 'MAIN', requirement: '受力钢筋的品种、级别、规格和数量', minSample, sampled, passed });
const general = (sampled: number, passed: number, extra: Partial<InspectionItem> = {}): InspectionItem => ({
  kind: 'GENERAL',
  requirement: '钢筋安装位置的允许偏差',
  minSample: 5,
  sampled,
  passed,
  ...extra,
});
const bases = { constructionBasis: '施工方案 SG-03', acceptanceBasis: 'GB 50204-2015' };

describe('检验批 verdict (GB 50300 5.0.1, GB 55032 4.2.2)', () => {
  test('主控项目 all pass and 一般项目 at 80% → PASS', () => {
    expect(lotVerdict({ items: [main(5, 5), general(10, 8)], ...bases }).verdict).toBe('PASS');
  });

  test('one failed unit of a 主控项目 fails the lot', () => {
    const v = lotVerdict({ items: [main(5, 4), general(10, 10)], ...bases });
    expect(v.verdict).toBe('FAIL');
    expect(v.items[0]!.problems).toEqual(['MAIN_ITEM_FAILED']);
  });

  test('一般项目 below its rate fails; at exactly its rate passes; a per-item rate overrides 80%', () => {
    expect(lotVerdict({ items: [main(5, 5), general(10, 7)], ...bases }).items[1]!.problems).toEqual(['PASS_RATE_TOO_LOW']);
    expect(lotVerdict({ items: [main(5, 5), general(10, 9, { passRate: 0.9 })], ...bases }).verdict).toBe('PASS');
    expect(lotVerdict({ items: [main(5, 5), general(10, 8, { passRate: 0.9 })], ...bases }).verdict).toBe('FAIL');
  });

  test('a 严重缺陷 fails a 一般项目 whatever its rate', () => {
    expect(lotVerdict({ items: [main(5, 5), general(10, 10, { severeDefect: true })], ...bases }).items[1]!.problems).toEqual(['SEVERE_DEFECT']);
  });

  test('fewer samples than the minimum fail the item, even when all pass', () => {
    expect(lotVerdict({ items: [main(3, 3, 5)], ...bases }).items[0]!.problems).toEqual(['UNDER_SAMPLED']);
  });

  test('a lot needs a 主控项目 and named bases; more passed than sampled is an error', () => {
    expect(lotVerdict({ items: [general(10, 10)], ...bases }).problems).toEqual(['NO_MAIN_ITEMS']);
    expect(lotVerdict({ items: [main(5, 5)], constructionBasis: ' ', acceptanceBasis: '' }).problems).toEqual(['NO_CONSTRUCTION_BASIS', 'NO_ACCEPTANCE_BASIS']);
    expect(lotVerdict({ items: [main(5, 6)], ...bases }).items[0]!.problems).toContain('PASSED_EXCEEDS_SAMPLED');
  });
});

describe('catalog (acceptance-gb50300.md §2)', () => {
  test('the ten 分部 in order, 子分部 numbered in order', () => {
    expect(CATALOG.map((d) => `${d.code} ${d.name}`)).toEqual([
      '01 地基与基础',
      '02 主体结构',
      '03 建筑装饰装修',
      '04 屋面',
      '05 建筑给水排水及供暖',
      '06 通风与空调',
      '07 建筑电气',
      '08 智能建筑',
      '09 建筑节能',
      '10 电梯',
    ]);
    expect(findSubdivision('0201')?.subdivision.name).toBe('混凝土结构');
    expect(findSubdivision('0207')?.subdivision.name).toBe('木结构');
    expect(findSubdivision('0912')).toBeNull();
  });

  test('分项 codes match the form sets the reference saw (01050301 场地平整, 01020401 钢结构基础)', () => {
    expect(findItem('010503')?.name).toBe('场地平整');
    expect(findItem('010204')?.name).toBe('钢结构基础');
    expect(findItem('010601')?.name).toBe('喷锚支护');
    expect(findItem('020102')).toEqual({ code: '020102', name: '钢筋', verified: true });
    expect(findItem('010206')?.verified).toBe(false);
  });

  test('codes are unique', () => {
    const codes = CATALOG.flatMap((d) => [d.code, ...d.subdivisions.flatMap((s) => [s.code, ...s.items.map((i) => i.code)])]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
