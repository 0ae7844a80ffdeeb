/** The calendar date in China (Asia/Shanghai, where the sites and their records are), YYYY-MM-DD, whatever zone the server or phone runs in. */
export const chinaDate = (at: Date = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

/** A calendar date as the database keeps it (a `@db.Date` comes back as UTC midnight), YYYY-MM-DD. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The last day of a period of whole months from `start` (民法典 art 201: the start day is not
 * counted; art 202: it ends on the corresponding day of the final month, or that month's last day
 * when it has none): 2026-11-30 + 3 months → 2027-02-28.
 */
export function addMonths(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDayOfMonth(year, month))).padStart(2, '0')}`;
}

/** The same for whole years: 2024-06-15 + 5 years → 2029-06-15; 2024-02-29 + 2 years → 2026-02-28. */
export const addYears = (start: string, years: number): string => addMonths(start, 12 * years);
