'use client';

import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useDates } from '@/app/(app)/_components/use-dates';
import { IssueNoticeForm } from './issue-notice-form';

type Data = RouterOutputs['notices']['building'];
type Notice = Data['notices'][number];

/** The building's 整改通知单 with state, deadline and days overdue; the inspector's form to issue one. */
export function NoticesSection({ buildingId, initialData }: { buildingId: string; initialData: Data }) {
  const t = useTranslations('notices');
  const trpc = useTRPC();
  const { data = initialData } = useQuery(trpc.notices.building.queryOptions({ buildingId }, { initialData }));
  // Each issued notice starts a fresh form: a new idempotency key.
  const [generation, setGeneration] = useState(0);
  const { records } = data;
  return (
    <div className="bl-inspections">
      {records && (
        <Card title={<h2 className="bl-card-title">{t('issueTitle')}</h2>}>
          <IssueNoticeForm key={generation} buildingId={buildingId} data={{ ...data, records }} onIssued={() => setGeneration((g) => g + 1)} />
        </Card>
      )}
      <section aria-labelledby="notices-list-title">
        <Card title={<h2 id="notices-list-title" className="bl-card-title">{t('sectionTitle')}</h2>} extra={<span className="bl-hint">{t('count', { count: data.notices.length })}</span>}>
          {data.notices.length === 0 ? (
            <Empty description={t('none')} />
          ) : (
            <ul className="bl-records bl-notice-list">
              {data.notices.map((notice) => (
                <NoticeRow key={notice.id} notice={notice} />
              ))}
            </ul>
          )}
        </Card>
      </section>
    </div>
  );
}

/** A notice's state tag: closed, overdue by n days, or open. */
export function NoticeStateTag({ closed, overdueDays }: { closed: boolean; overdueDays: number }) {
  const t = useTranslations('notices');
  if (closed) return <Tag color="success">{t('closed')}</Tag>;
  if (overdueDays > 0) return <Tag color="error">{t('overdue', { days: overdueDays })}</Tag>;
  return <Tag color="processing">{t('open')}</Tag>;
}

function NoticeRow({ notice }: { notice: Notice }) {
  const t = useTranslations('notices');
  const tp = useTranslations('parties');
  const dates = useDates();
  return (
    <li className="bl-record">
      <div className="bl-record-title">
        <Link href={`/notices/${notice.id}`}>{notice.number}</Link>
        <NoticeStateTag closed={notice.closed} overdueDays={notice.overdueDays} />
      </div>
      <div className="bl-hint">
        {t('to', { party: tp(notice.partyRole) })} · {t('deadlineOn', { date: dates.day(notice.deadline) })} · {t('progress', { verified: notice.verifiedCount, total: notice.itemCount })}
      </div>
    </li>
  );
}
