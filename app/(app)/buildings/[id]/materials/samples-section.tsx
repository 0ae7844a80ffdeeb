'use client';

import { DownloadOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useDates } from '@/app/(app)/_components/use-dates';
import { kindName, materialFileHref } from './material-refs';
import { FormOpener } from './materials-form';
import type { MaterialsData } from './materials-view';
import { ResultForm, SampleForm } from './sample-forms';

type Sample = MaterialsData['samples'][number];

/** 见证取样和送检: each sample with its sampler, witness (or none) and lab result; the forms for those who may sign. */
export function SamplesSection({ data }: { data: MaterialsData }) {
  const t = useTranslations('materials');
  const { samples, receipts, permissions, building } = data;
  return (
    <section aria-labelledby="samples-title">
      <Card title={<h2 id="samples-title" className="bl-card-title">{t('samplesTitle')}</h2>}>
        {samples.length === 0 ? (
          <p className="bl-hint" style={{ margin: 0 }}>
            {t('samplesNone')}
          </p>
        ) : (
          <div className="bl-records">
            {samples.map((sample) => (
              <SampleArticle
                key={sample.id}
                sample={sample}
                buildingId={building.id}
                receipt={receipts.find((r) => r.id === sample.receiptId)}
                canRecordResult={permissions.canRecordResult}
              />
            ))}
          </div>
        )}
        {permissions.sampleAs && (
          <FormOpener label={t('recordSample')} icon={<PlusOutlined aria-hidden />}>
            {(close) => <SampleForm data={data} witness={permissions.sampleAs === 'WITNESS'} onDone={close} />}
          </FormOpener>
        )}
      </Card>
    </section>
  );
}

function SampleArticle({
  sample,
  buildingId,
  receipt,
  canRecordResult,
}: {
  sample: Sample;
  buildingId: string;
  receipt: MaterialsData['receipts'][number] | undefined;
  canRecordResult: boolean;
}) {
  const t = useTranslations('materials');
  const dates = useDates();
  const headingId = `sample-${sample.id}`;
  const { result } = sample;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('sampleHeading', { sampleNo: sample.sampleNo, kind: kindName(sample.kind) })}</span>
        <Tag color={result ? (result.passed ? 'success' : 'error') : 'processing'} style={{ marginInlineEnd: 0 }}>
          {result ? t(result.passed ? 'verdict.passed' : 'verdict.failed') : t('resultPending')}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('location')}</dt>
        <dd>{sample.location}</dd>
        <dt>{t('sampledAt')}</dt>
        <dd>{dates.time(sample.sampledAt)}</dd>
        <dt>{t('sampler')}</dt>
        <dd>{sample.sampler}</dd>
        <dt>{t('witness')}</dt>
        <dd>{sample.witness ?? <Tag color="warning">{t('unwitnessed')}</Tag>}</dd>
        <dt>{t('lab')}</dt>
        <dd>{sample.lab}</dd>
        {receipt && (
          <>
            <dt>{t('receipt')}</dt>
            <dd>{t('receiptOption', { name: receipt.name, batchNo: receipt.batchNo })}</dd>
          </>
        )}
        <dt>{t('result')}</dt>
        <dd>
          {result ? (
            <>
              {t(result.passed ? 'verdict.passed' : 'verdict.failed')} · {t('reportNo')} <span className="bl-mono">{result.reportNo}</span> · {dates.day(result.reportedOn)}
              <br />
              <a href={materialFileHref(buildingId, result.reportSha256)} download className="bl-touch-link">
                <DownloadOutlined aria-hidden /> {t('report')}
              </a>
            </>
          ) : (
            t('resultPending')
          )}
        </dd>
      </dl>
      {canRecordResult && !result && (
        <FormOpener label={t('recordResult')} icon={<ExperimentOutlined aria-hidden />}>
          {(close) => <ResultForm sample={sample} onDone={close} />}
        </FormOpener>
      )}
    </article>
  );
}
