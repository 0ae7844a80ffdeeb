import { describe, expect, test } from 'vitest';
import { witnessedShare } from './kinds';

const samples = (witnessed: number, total: number) => Array.from({ length: total }, (_, i) => ({ witnessed: i < witnessed }));

describe('witnessed share (211号: at least 30 % of the required samples)', () => {
  test('at exactly 30 % it meets the minimum; just below it does not', () => {
    expect(witnessedShare('REBAR', samples(3, 10))).toMatchObject({ share: 0.3, minimum: 0.3, meets: true });
    expect(witnessedShare('REBAR', samples(2, 7))).toMatchObject({ meets: false }); // 28.6 %
  });
  test('no samples yet does not meet it for a kind that must be witnessed; OTHER has no minimum', () => {
    expect(witnessedShare('CEMENT', [])).toMatchObject({ total: 0, share: null, meets: false });
    expect(witnessedShare('OTHER', samples(0, 4))).toMatchObject({ minimum: null, meets: true });
  });
});
