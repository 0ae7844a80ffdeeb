/**
 * The states of a 整改通知单 (supervision.md §3), derived from its signed rows, never stored:
 * per item AWAITING_RESPONSE → RESPONDED → VERIFIED, or RETURNED → AWAITING_RESPONSE again;
 * the notice is CLOSED when every item is VERIFIED, OVERDUE when today is after the deadline and
 * it is not CLOSED. Pure: the service and the pages share it.
 */

export type ItemState = 'AWAITING_RESPONSE' | 'RESPONDED' | 'VERIFIED';

/** An item's state from its responses in order (each answers the one before it). */
export function itemState(responses: { verification: { decision: 'VERIFIED' | 'RETURNED' } | null }[]): ItemState {
  const last = responses.at(-1);
  if (!last) return 'AWAITING_RESPONSE';
  if (!last.verification) return 'RESPONDED';
  return last.verification.decision === 'VERIFIED' ? 'VERIFIED' : 'AWAITING_RESPONSE';
}

const DAY_MS = 86_400_000;

/** Whole days from one calendar date (YYYY-MM-DD) to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The notice's state on `today` (YYYY-MM-DD in China): closed, and how many days overdue (0 when not). */
export function noticeState(items: ItemState[], deadline: string, today: string) {
  const closed = items.length > 0 && items.every((s) => s === 'VERIFIED');
  return { closed, overdueDays: closed ? 0 : Math.max(0, daysBetween(deadline, today)) };
}
