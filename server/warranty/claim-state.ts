/**
 * Where a warranty claim stands (warranty.md §5), derived from its steps, never stored:
 * OPEN (filed) → ACKNOWLEDGED → VISIT_SCHEDULED → REPAIRED → CLOSED (confirmed); REOPENED after a
 * repair starts over; DECLINED (outside the warranty or excluded) is closed. Messages change nothing.
 * The 施工单位 is due on site within the response time from the filing (or the reopening); past it
 * the claim is OVERDUE, escalated to the 建设单位 and shown to the 质监站. Pure.
 */

export type ClaimStepKind = 'ACKNOWLEDGED' | 'VISIT_SCHEDULED' | 'REPAIRED' | 'CONFIRMED' | 'REOPENED' | 'DECLINED' | 'MESSAGE';
export type ClaimState = 'OPEN' | 'ACKNOWLEDGED' | 'VISIT_SCHEDULED' | 'REPAIRED' | 'REOPENED' | 'CLOSED' | 'DECLINED';

/**
 * Response times: the sample 质量保修书's 7 days, and "立即" for an emergency, taken as 24 hours.
 * Contractual, not statutory (warranty.md §4): a project's 保修书 may set its own.
 */
export const RESPONSE_HOURS = { normal: 7 * 24, emergency: 24 } as const;

/** Which steps may follow in each state, by whom (the service checks who). */
export const NEXT_STEPS: Record<ClaimState, ClaimStepKind[]> = {
  OPEN: ['ACKNOWLEDGED', 'VISIT_SCHEDULED', 'DECLINED', 'MESSAGE'],
  ACKNOWLEDGED: ['VISIT_SCHEDULED', 'REPAIRED', 'DECLINED', 'MESSAGE'],
  VISIT_SCHEDULED: ['VISIT_SCHEDULED', 'REPAIRED', 'DECLINED', 'MESSAGE'],
  REPAIRED: ['CONFIRMED', 'REOPENED', 'MESSAGE'],
  REOPENED: ['ACKNOWLEDGED', 'VISIT_SCHEDULED', 'REPAIRED', 'MESSAGE'],
  CLOSED: [],
  DECLINED: [],
};

const HOUR_MS = 3_600_000;

export function claimState(claim: { filedAt: Date; emergency: boolean }, steps: { kind: ClaimStepKind; at: Date }[], now: Date = new Date()) {
  let state: ClaimState = 'OPEN';
  let clockFrom = claim.filedAt;
  let responded = false;
  for (const step of steps) {
    if (step.kind === 'MESSAGE') continue;
    state = step.kind === 'CONFIRMED' ? 'CLOSED' : step.kind;
    if (step.kind === 'REOPENED') {
      clockFrom = step.at;
      responded = false;
    }
    if (step.kind === 'VISIT_SCHEDULED' || step.kind === 'REPAIRED' || step.kind === 'DECLINED') responded = true;
  }
  const closed = state === 'CLOSED' || state === 'DECLINED';
  const dueAt = new Date(clockFrom.getTime() + (claim.emergency ? RESPONSE_HOURS.emergency : RESPONSE_HOURS.normal) * HOUR_MS);
  const overdue = !closed && !responded && now > dueAt;
  return { state, closed, dueAt: closed || responded ? null : dueAt, overdue, overdueHours: overdue ? Math.floor((now.getTime() - dueAt.getTime()) / HOUR_MS) : 0 };
}
