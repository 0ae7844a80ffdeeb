'use client';

import { useFormatter } from 'next-intl';

/**
 * Dates as the project pages show them, in China Standard Time: `day` for calendar dates
 * (a YYYY-MM-DD string is shown as it is), `time` for moments.
 */
export function useDates() {
  const format = useFormatter();
  return {
    day(value: Date | string | null | undefined): string {
      if (value === null || value === undefined) return '—';
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      return format.dateTime(new Date(value), { year: 'numeric', month: '2-digit', day: '2-digit' });
    },
    time(value: Date | string | null | undefined): string {
      if (value === null || value === undefined) return '—';
      return format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' });
    },
  };
}
