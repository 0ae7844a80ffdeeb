import { describe, expect, test } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of real registrants, quoted in public notices.
  test.each(['91350100M000100Y43', '91110000802100433B', '91440300708461136T', '11100000000013127D'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  test('rejects every single-character change of the check character', () => {
    const code = '91350100M000100Y43';
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (c !== '3') expect(isValidCreditCode(code.slice(0, 17) + c)).toBe(false);
    }
  });

  test.each([
    ['too short', '91350100M000100Y4'],
    ['lower case', '91350100m000100y43'],
    ['a forbidden letter (I, O, Z, S, V never occur)', '91350100M000100O43'],
    ['letters where the region code must be digits', '9135A100M000100Y43'],
    ['empty', ''],
  ])('rejects %s', (_label, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  test('computes the check character mod 31 over the weighted first 17', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});
