import { describe, expect, test } from 'vitest';
import { idNumberBirthDate, idNumberCheckChar, idNumberProblem } from './id-number';

describe('居民身份证号 (GB 11643)', () => {
  test('the check character follows ISO 7064 MOD 11-2, including X for 10', () => {
    // The standard's own example: 11010519491231002X
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    // Worked by hand: Σ digit×weight = 196, 196 mod 11 = 9 → CHECK[9] = '3'
    expect(idNumberCheckChar('44052419800101001')).toBe('3');
    expect(idNumberProblem('440524198001010013')).toBeNull();
  });

  test('a wrong check character, a bad birth date or a wrong shape is named', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
    expect(idNumberProblem('110105194902300023')).toBe('birthDate'); // 30 February
    expect(idNumberProblem('110105189912310021')).toBe('birthDate'); // before 1900
    expect(idNumberProblem('11010519491231002x')).toBe('format'); // lower-case x is normalized by the schema, not here
    expect(idNumberProblem('1101051949123100')).toBe('format');
  });

  test('a birth date in the future is refused; leap days are real dates', () => {
    const today = new Date('2026-11-25T00:00:00Z');
    expect(idNumberBirthDate('110105203001010000', today)).toBeNull();
    expect(idNumberBirthDate('110105200002290000', today)?.toISOString()).toBe('2000-02-29T00:00:00.000Z');
    expect(idNumberBirthDate('110105190002290000', today)).toBeNull(); // 1900 is not a leap year
  });
});
