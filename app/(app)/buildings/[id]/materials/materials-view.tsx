'use client';

import { AuditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { MATERIAL_KINDS, WITNESSED_SHARE_MINIMUM } from '@/server/materials/kinds';
import { BuildingHint } from '../building-hint';
import { ReceiptsSection } from './receipts-section';
import { SamplesSection } from './samples-section';

export type MaterialsData = RouterOutputs['materials']['list'];
type Share = MaterialsData['shares'][number];

/** A share (0.4) as the page writes it: 40, or 28.6. */
const percent = (share: number) => Math.round(share * 1000) / 10;

export function MaterialsView({ initialData }: { initialData: MaterialsData }) {
  const t = useTranslations('materials');
  const ti = useTranslations('inspections');
  const trpc = useTRPC();
  const buildingId = initialData.building.id;
  const { data = initialData } = useQuery(trpc.materials.list.queryOptions({ buildingId }, { initialData }));
  const { building } = data;

  return (
    <div className="bl-lot-page">
      <PageHead
        title={t('title')}
        hint={<BuildingHint building={building} />}
        action={
          <Link href={`/buildings/${building.id}/inspections`} className="bl-touch-link">
            <AuditOutlined aria-hidden /> {ti('title')}
          </Link>
        }
      />
      <div className="bl-stack">
        <SharesCard shares={data.shares} />
        <ReceiptsSection data={data} />
        <SamplesSection data={data} />
      </div>
    </div>
  );
}

/** 见证取样比例 per kind against the 30 % minimum; a kind short of it stands out. */
function SharesCard({ shares }: { shares: Share[] }) {
  const t = useTranslations('materials');
  return (
    <section aria-labelledby="shares-title">
      <Card title={<h2 id="shares-title" className="bl-card-title">{t('sharesTitle')}</h2>}>
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('sharesHint', { minimum: percent(WITNESSED_SHARE_MINIMUM) })}
        </p>
        <table className="bl-shares" aria-label={t('sharesLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('kindColumn')}</th>
              <th scope="col">{t('countColumn')}</th>
              <th scope="col">{t('statusColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((share) => (
              <tr key={share.kind} className={share.meets ? undefined : 'bl-share-short'}>
                <th scope="row">{MATERIAL_KINDS[share.kind].name}</th>
                <td>
                  <strong>{t('countValue', { witnessed: share.witnessed, total: share.total })}</strong>
                  <div className="bl-hint">
                    {share.share === null ? '—' : t('percent', { value: percent(share.share) })} ·{' '}
                    {share.minimum === null ? t('noMinimum') : t('minimum', { minimum: percent(share.minimum) })}
                  </div>
                </td>
                <td>
                  <Tag color={share.meets ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
                    {share.meets ? t('meets') : t('short')}
                  </Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </section>
  );
}
