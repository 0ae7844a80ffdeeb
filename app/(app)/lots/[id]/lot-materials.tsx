'use client';

import { Alert, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import type { LotData, LotRecord } from './lot-view';

/** The batches a record names, as they stand now: one that failed a sample since says which. */
export function RecordMaterials({ materials }: { materials: LotRecord['materials'] }) {
  const t = useTranslations('lot');
  return (
    <>
      <dt>{t('materialsUsed')}</dt>
      <dd>
        {materials.length === 0 ? (
          t('noMaterialsUsed')
        ) : (
          <ul className="bl-predecessors">
            {materials.map((m) => (
              <li key={m.id}>
                {t('materialUsed', { name: m.name, specification: m.specification, batchNo: m.batchNo })}{' '}
                {m.failedSamples.length > 0 && <Tag color="error">{t('materialFailedSamples', { samples: m.failedSamples.join('、') })}</Tag>}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

/** 使用了不合格材料: the lot's current record used a batch that has since failed a sample. */
export function FailedMaterialAlert({ failed }: { failed: LotData['state']['failedMaterials'] }) {
  const t = useTranslations('lot');
  if (failed.length === 0) return null;
  const samples = failed.map((f) => t('failedMaterialSample', { material: f.materialName, batchNo: f.batchNo, sampleNo: f.sampleNo, reportNo: f.reportNo })).join('；');
  return <Alert type="error" showIcon role="alert" title={t('failedMaterialTitle')} description={t('failedMaterialHint', { samples })} />;
}
