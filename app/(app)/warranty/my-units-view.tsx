'use client';

import { LinkOutlined, ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useDates } from '@/app/(app)/_components/use-dates';
import { ClaimList } from './claim-list';
import { TermsTable } from './terms-table';

type Units = RouterOutputs['warranty']['myUnits'];

export function MyUnitsView({ initialData }: { initialData: Units }) {
  const t = useTranslations('warranty');
  const dates = useDates();
  const trpc = useTRPC();
  const { data: units = initialData } = useQuery(trpc.warranty.myUnits.queryOptions(undefined, { initialData }));
  return (
    <>
      <PageHead title={t('myTitle')} hint={t('myHint')} />
      {units.length === 0 && <Empty description={t('noUnits')} />}
      <div className="bl-inspections">
        {units.map((unit) => (
          <Card
            key={unit.id}
            title={<h2 className="bl-card-title">{t('unitTitle', { project: unit.building.project, building: unit.building.name, unit: unit.number })}</h2>}
          >
            <p style={{ marginTop: 0 }}>
              {unit.building.completedOn ? t('completedOn', { date: dates.day(unit.building.completedOn) }) : t('notCompleted')}{' '}
              <Link href={`/b/${encodeURIComponent(unit.building.code)}`} className="bl-touch-link" prefetch={false}>
                <LinkOutlined aria-hidden /> {t('publicRecord')}
              </Link>
            </p>
            {unit.terms && <TermsTable terms={unit.terms} label={t('termsLabel', { unit: unit.number })} />}
            {unit.terms && (
              <Link href={`/warranty/new?buildingId=${unit.building.id}&unitId=${unit.id}`}>
                <Button type="primary" size="large" block icon={<ToolOutlined aria-hidden />} style={{ margin: '8px 0 16px' }}>
                  {t('fileClaim')}
                </Button>
              </Link>
            )}
            <h3 className="bl-subdivision-title">{t('claimsTitle')}</h3>
            <ClaimList claims={unit.claims} label={t('claimsOf', { unit: unit.number })} />
          </Card>
        ))}
      </div>
    </>
  );
}
