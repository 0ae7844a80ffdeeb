'use client';

import { Empty, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useDates } from '@/app/(app)/_components/use-dates';
import type { RouterOutputs } from '@/app/_trpc/client';

type Claim = RouterOutputs['warranty']['building']['claims'][number];

const STATE_COLOR: Record<Claim['state'], string> = { OPEN: 'processing', ACKNOWLEDGED: 'processing', VISIT_SCHEDULED: 'processing', REPAIRED: 'cyan', REOPENED: 'warning', CLOSED: 'success', DECLINED: 'default' };

/** Claims with their state, and the overdue ones marked as escalated to the 建设单位. */
export function ClaimList({ claims, label }: { claims: Claim[]; label: string }) {
  const t = useTranslations('warranty');
  const dates = useDates();
  if (claims.length === 0) return <Empty description={t('noClaims')} />;
  return (
    <ul className="bl-buildings" aria-label={label}>
      {claims.map((c) => (
        <li key={c.id}>
          <span>
            <Link href={`/warranty/claims/${c.id}`} className="bl-building-name">
              {t('claimTitle', { unit: c.unit, location: c.location })}
            </Link>{' '}
            <span className="bl-hint">
              {t(`categories.${c.category}`)} · {dates.time(c.filedAt)}
            </span>
          </span>
          <span>
            {c.emergency && <Tag color="red">{t('emergency')}</Tag>}
            <Tag color={STATE_COLOR[c.state]}>{t(`states.${c.state}`)}</Tag>
            {c.overdue && <Tag color="error">{t('overdueEscalated', { hours: c.overdueHours })}</Tag>}
          </span>
        </li>
      ))}
    </ul>
  );
}
