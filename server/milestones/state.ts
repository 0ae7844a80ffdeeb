import { signatoryKey, type Signatory } from './signatories';

/**
 * A milestone's state, derived from its sign-offs (never stored): ACCEPTED when every required
 * signatory agreed, REFUSED once one did not (the work is put right and a new one opened), else OPEN
 * with the signatories still missing.
 */
export type MilestoneState = 'OPEN' | 'ACCEPTED' | 'REFUSED';

export function milestoneState(required: Signatory[], signoffs: (Signatory & { agrees: boolean })[]) {
  const signed = new Set(signoffs.map(signatoryKey));
  const missing = required.filter((s) => !signed.has(signatoryKey(s)));
  const state: MilestoneState = signoffs.some((s) => !s.agrees) ? 'REFUSED' : missing.length === 0 ? 'ACCEPTED' : 'OPEN';
  return { state, missing };
}

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** 竣工验收备案 within 15 days of 竣工验收合格 (条例 art 49; 令2号 art 4); calendar days (supervision.md §5 ⚠️). */
export const FILING_DAYS = 15;
/** 工程质量监督报告 within 5 days of it (令2号 ⚠️ art). */
export const SUPERVISION_REPORT_DAYS = 5;

/** A deadline counted from the 竣工验收 date: due day, whether met, and days overdue on `today` when not. */
export function deadlineFrom(completedOn: string, days: number, doneOn: string | null, today: string) {
  const dueOn = addDays(completedOn, days);
  if (doneOn) return { dueOn, done: true, late: doneOn > dueOn, overdueDays: 0 };
  return { dueOn, done: false, late: false, overdueDays: Math.max(0, daysBetween(dueOn, today)) };
}
