import { describe, expect, test } from 'vitest';
import { coverage, endOfSeasons, warrantyTerms, DEFAULT_SEASONS } from './terms';

describe('endOfSeasons', () => {
  test('two complete heating seasons after acceptance; one already begun does not count', () => {
    expect(endOfSeasons('2026-12-01', DEFAULT_SEASONS.heating, 2)).toBe('2029-03-15');
    expect(endOfSeasons('2026-11-14', DEFAULT_SEASONS.heating, 2)).toBe('2028-03-15');
    expect(endOfSeasons('2026-11-15', DEFAULT_SEASONS.heating, 2)).toBe('2029-03-15');
  });
  test('two cooling seasons', () => {
    expect(endOfSeasons('2026-05-31', DEFAULT_SEASONS.cooling, 2)).toBe('2027-09-30');
    expect(endOfSeasons('2026-07-01', DEFAULT_SEASONS.cooling, 2)).toBe('2028-09-30');
  });
});

describe('warrantyTerms (条例 art 40)', () => {
  const terms = warrantyTerms({ completedOn: '2024-02-29', designWorkingLifeYears: 50 });
  const end = (category: string) => terms.find((t) => t.category === category)!.endsOn;
  test('each category from the 竣工验收 date', () => {
    expect(terms.every((t) => t.startsOn === '2024-02-29')).toBe(true);
    expect(end('FOUNDATION_STRUCTURE')).toBe('2074-02-28');
    expect(end('WATERPROOFING')).toBe('2029-02-28');
    expect(end('MEP_INSTALLATION')).toBe('2026-02-28');
    expect(end('DECORATION')).toBe('2026-02-28');
    expect(end('HEATING_COOLING')).toBe('2026-03-15'); // heating seasons 2024–25 and 2025–26 end after the cooling ones
    expect(end('OTHER')).toBeNull();
  });
  test('the design working life is the building\'s, never assumed', () => {
    expect(warrantyTerms({ completedOn: '2026-06-15', designWorkingLifeYears: 100 }).find((t) => t.category === 'FOUNDATION_STRUCTURE')!.endsOn).toBe('2126-06-15');
  });
  test('the last covered day is covered, the day after is not', () => {
    expect(coverage(terms, 'DECORATION', '2026-02-28')).toEqual({ inWarranty: true, endsOn: '2026-02-28' });
    expect(coverage(terms, 'DECORATION', '2026-03-01')).toEqual({ inWarranty: false, endsOn: '2026-02-28' });
    expect(coverage(terms, 'OTHER', '2026-03-01')).toEqual({ inWarranty: null, endsOn: null });
  });
});
