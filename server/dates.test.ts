import { describe, expect, test } from 'vitest';
import { addMonths, addYears, chinaDate } from './dates';

describe('addYears (民法典 arts 201–202)', () => {
  test('ends on the corresponding day', () => {
    expect(addYears('2024-06-15', 5)).toBe('2029-06-15');
  });
  test('from 29 February: the last day of February when the final year has none', () => {
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('addMonths (民法典 arts 201–202)', () => {
  test('ends on the corresponding day of the final month, across a year end', () => {
    expect(addMonths('2026-11-25', 3)).toBe('2027-02-25');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });
  test('on the last day of the final month when it has no corresponding day', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });
  test('backwards too (a demo date some months ago)', () => {
    expect(addMonths('2026-12-05', -3)).toBe('2026-09-05');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });
});

describe('chinaDate', () => {
  test('is the calendar day in China whatever the instant', () => {
    expect(chinaDate(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
    expect(chinaDate(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
  });
});
