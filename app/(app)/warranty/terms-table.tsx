'use client';

import { Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useDates } from '@/app/(app)/_components/use-dates';
import type { RouterOutputs } from '@/app/_trpc/client';

type Terms = NonNullable<RouterOutputs['warranty']['building']['terms']>;

/** A building's warranty terms (warranty.md §2): each category, from when, until when, and whether it still covers today. */
export function TermsTable({ terms, label }: { terms: Terms; label: string }) {
  const t = useTranslations('warranty');
  const dates = useDates();
  return (
    <ul className="bl-signatories" aria-label={label}>
      {terms.map((term) => (
        <li key={term.category}>
          <strong>{t(`categories.${term.category}`)}</strong>{' '}
          <span className="bl-hint">{t(`periods.${term.category}`)}</span>
          <br />
          {term.endsOn ? t('coveredUntil', { date: dates.day(term.endsOn) }) : t('asAgreed')}{' '}
          {term.coversToday === true && <Tag color="success">{t('covered')}</Tag>}
          {term.coversToday === false && <Tag>{t('expired')}</Tag>}
        </li>
      ))}
    </ul>
  );
}
