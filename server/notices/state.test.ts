import { describe, expect, test } from 'vitest';
import { itemState, noticeState } from './state';

const returned = { verification: { decision: 'RETURNED' as const } };
const verified = { verification: { decision: 'VERIFIED' as const } };

describe('item state', () => {
  test('awaiting a response, responded, verified; a return awaits a new response', () => {
    expect(itemState([])).toBe('AWAITING_RESPONSE');
    expect(itemState([{ verification: null }])).toBe('RESPONDED');
    expect(itemState([verified])).toBe('VERIFIED');
    expect(itemState([returned])).toBe('AWAITING_RESPONSE');
    expect(itemState([returned, { verification: null }])).toBe('RESPONDED');
    expect(itemState([returned, verified])).toBe('VERIFIED');
  });
});

describe('notice state', () => {
  test('closed only when every item is verified', () => {
    expect(noticeState(['VERIFIED', 'VERIFIED'], '2026-12-01', '2026-12-01').closed).toBe(true);
    expect(noticeState(['VERIFIED', 'RESPONDED'], '2026-12-01', '2026-12-01').closed).toBe(false);
  });

  test('overdue the day after the deadline, by whole days, and never once closed', () => {
    expect(noticeState(['AWAITING_RESPONSE'], '2026-12-01', '2026-12-01').overdueDays).toBe(0);
    expect(noticeState(['AWAITING_RESPONSE'], '2026-12-01', '2026-12-02').overdueDays).toBe(1);
    expect(noticeState(['RESPONDED'], '2026-11-20', '2026-12-05').overdueDays).toBe(15);
    expect(noticeState(['VERIFIED'], '2026-11-20', '2026-12-05').overdueDays).toBe(0);
  });
});
