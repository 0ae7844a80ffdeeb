'use client';

import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { PageHead } from '@/app/_components/page-head';
import type { RouterOutputs } from '@/app/_trpc/client';
import { useDates } from '@/app/(app)/_components/use-dates';
import { SIGNALS, type Signal } from '@/server/supervision/dashboard';

type Data = RouterOutputs['supervision']['dashboard'];
type Filters = { regionCode?: string; signal?: Signal; query?: string; page?: number };

/** Work stopped, overdue rectification and paperwork that may not be true are red; work that waits is amber. */
const SIGNAL_COLOR: Record<Signal, string> = {
  SUSPENDED: 'red',
  NOTICES_OVERDUE: 'red',
  NOTICES_OPEN: 'orange',
  NOT_REGISTERED: 'orange',
  LOTS_REJECTED: 'orange',
  REVIEW_OVERDUE: 'orange',
  IDENTICAL_READINGS: 'red',
  RAPID_SIGNING: 'red',
  PHOTO_TIME_FLAGS: 'red',
  PHOTOS_POSSIBLY_REUSED: 'red',
  COMPLETION_SOON: 'blue',
  FILING_OVERDUE: 'red',
  CLAIMS_OVERDUE: 'orange',
};

export function DashboardView({ data, filters }: { data: Data; filters: Filters }) {
  const t = useTranslations('dashboard');
  const dates = useDates();
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(filters.query ?? '');
  const pages = Math.max(1, Math.ceil(data.matched / data.pageSize));

  const apply = (next: Filters) => {
    const params = new URLSearchParams();
    if (next.regionCode) params.set('region', next.regionCode);
    if (next.signal) params.set('signal', next.signal);
    if (next.query) params.set('q', next.query);
    if (next.page && next.page > 1) params.set('page', String(next.page));
    router.replace(params.size > 0 ? `${pathname}?${params}` : pathname);
  };

  return (
    <>
      <PageHead title={t('title')} hint={t('hint', { count: data.projectCount })} />
      <Card style={{ marginBottom: 16 }}>
        <form
          role="search"
          aria-label={t('filters')}
          onSubmit={(event) => {
            event.preventDefault();
            apply({ ...filters, query: query.trim() || undefined, page: undefined });
          }}
        >
          <Space wrap size={[12, 12]} style={{ width: '100%' }}>
            <Select
              aria-label={t('signalFilter')}
              value={filters.signal}
              allowClear
              placeholder={t('allSignals')}
              style={{ minWidth: 220 }}
              onChange={(signal: Signal | undefined) => apply({ ...filters, signal, page: undefined })}
              options={SIGNALS.map((s) => ({ value: s, label: t('signalCount', { name: t(`signals.${s}`), count: data.totals[s] }) }))}
            />
            <Select
              aria-label={t('regionFilter')}
              value={filters.regionCode}
              allowClear
              placeholder={t('allRegions')}
              style={{ minWidth: 160 }}
              onChange={(regionCode: string | undefined) => apply({ ...filters, regionCode, page: undefined })}
              options={data.regions.map((code) => ({ value: code, label: code }))}
            />
            <Space.Compact>
              <Input aria-label={t('search')} placeholder={t('searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} allowClear />
              <Button htmlType="submit" icon={<SearchOutlined aria-hidden />} aria-label={t('searchSubmit')} />
            </Space.Compact>
          </Space>
        </form>
      </Card>
      {data.projects.length === 0 ? (
        <Card>
          <Empty description={t('none')} />
        </Card>
      ) : (
        <ul className="bl-dashboard" aria-label={t('listLabel')}>
          {data.projects.map((project) => {
            const raised = SIGNALS.filter((s) => project.signals[s] > 0);
            return (
              <li key={project.id}>
                <Card size="small" title={<Link href={`/projects/${project.id}`}>{project.name}</Link>} extra={<span className="bl-mono">{project.regionCode}</span>}>
                  <p className="bl-hint" style={{ marginTop: 0 }}>
                    {t('facts', { code: project.code, buildings: project.buildings, last: project.lastInspectedOn ? dates.day(project.lastInspectedOn) : t('never') })}
                  </p>
                  {project.noticeMaxDaysLate > 0 && <p className="bl-overdue">{t('daysLate', { days: project.noticeMaxDaysLate })}</p>}
                  {raised.length === 0 ? (
                    <span className="bl-hint">{t('noSignals')}</span>
                  ) : (
                    <ul className="bl-counts" aria-label={t('signalsOf', { name: project.name })}>
                      {raised.map((s) => (
                        <li key={s}>
                          <Tag color={SIGNAL_COLOR[s]} style={{ marginInlineEnd: 0 }}>
                            {t('signalCount', { name: t(`signals.${s}`), count: project.signals[s] })}
                          </Tag>
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      {data.matched > 0 && (
        <nav className="bl-pager" aria-label={t('pagination')}>
          <Button disabled={data.page <= 1} onClick={() => apply({ ...filters, page: data.page - 1 })}>
            {t('previousPage')}
          </Button>
          <span className="bl-hint" aria-live="polite">
            {t('pageOf', { page: data.page, pages, matched: data.matched })}
          </span>
          <Button disabled={data.page >= pages} onClick={() => apply({ ...filters, page: data.page + 1 })}>
            {t('nextPage')}
          </Button>
        </nav>
      )}
      <p className="bl-hint">
        {t('rules', {
          reviewOverdueDays: data.rules.reviewOverdueDays,
          rapidSigningSeconds: data.rules.rapidSigningSeconds,
          identicalReadingsMin: data.rules.identicalReadingsMin,
          completionSoonDays: data.rules.completionSoonDays,
          filingDays: data.rules.filingDays,
          claimHours: data.rules.claimResponseHours.normal,
          emergencyHours: data.rules.claimResponseHours.emergency,
        })}
      </p>
    </>
  );
}
