'use client';

import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslations } from 'next-intl';
import { itemVerdict } from '@/server/inspections/acceptance';
import { useDates } from '../../_components/use-dates';
import { RecordMaterials } from './lot-materials';
import type { LotRecord } from './lot-view';
import { useProblemText } from './lot-status';
import { RecordPhotos } from './record-photos';
import type { RecordContent, RecordItem } from './self-check-draft';

/** Every record of the lot, oldest first: the items as checked, who signed when, the 监理's decision, the rework chain. */
export function RecordHistory({ records }: { records: LotRecord[] }) {
  const t = useTranslations('lot');
  const numberOf = new Map(records.map((r, i) => [r.id, i + 1]));
  const supersededBy = new Map(records.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
  return (
    <section aria-labelledby="history-title">
      <Card title={<h2 id="history-title" className="bl-card-title">{t('historyTitle')}</h2>}>
        {records.length === 0 ? (
          <p className="bl-hint" style={{ margin: 0 }}>
            {t('noRecords')}
          </p>
        ) : (
          <div className="bl-records">
            {records.map((record) => (
              <RecordArticle
                key={record.id}
                record={record}
                n={numberOf.get(record.id)!}
                supersedesN={record.supersedesId ? numberOf.get(record.supersedesId) : undefined}
                supersededByN={supersededBy.has(record.id) ? numberOf.get(supersededBy.get(record.id)!) : undefined}
              />
            ))}
          </div>
        )}
      </Card>
    </section>
  );
}

function RecordArticle({ record, n, supersedesN, supersededByN }: { record: LotRecord; n: number; supersedesN?: number; supersededByN?: number }) {
  const t = useTranslations('lot');
  const dates = useDates();
  const content = record.content as RecordContent;
  const headingId = `record-${record.id}`;
  const review = record.review;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('recordTitle', { n })}</span>
        <Tag color={record.verdict === 'PASS' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
          {t('selfCheckVerdict', { verdict: t(record.verdict === 'PASS' ? 'verdict.PASS' : 'verdict.FAIL') })}
        </Tag>
        {supersededByN !== undefined && (
          <Tag style={{ marginInlineEnd: 0 }}>{t('supersededBy', { n: supersededByN })}</Tag>
        )}
      </h3>
      {supersedesN !== undefined && <p className="bl-rework">{t('rework', { n: supersedesN })}</p>}

      <ItemsTable items={content.items} />

      <dl className="bl-facts">
        <dt>{t('constructionBasis')}</dt>
        <dd>{content.constructionBasis}</dd>
        <dt>{t('acceptanceBasis')}</dt>
        <dd>{content.acceptanceBasis}</dd>
        {content.notes && (
          <>
            <dt>{t('notes')}</dt>
            <dd>{content.notes}</dd>
          </>
        )}
        <RecordMaterials materials={record.materials} />
        <dt>{t('selfCheck')}</dt>
        <dd>{t('signedBy', { name: record.submittedBy, time: dates.time(record.submittedAt) })}</dd>
        <dt>{t('contentSha256')}</dt>
        <dd>
          <code className="bl-hash">{record.contentSha256}</code>
        </dd>
      </dl>

      <RecordPhotos photos={record.photos} />

      <div className={`bl-review-box ${review ? `bl-review-${review.decision.toLowerCase()}` : ''}`}>
        {review ? (
          <>
            <div className="bl-review-head">
              <strong>{t('reviewTitle')}</strong>
              <Tag color={review.decision === 'ACCEPTED' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
                {t(`decision.${review.decision}`)}
              </Tag>
            </div>
            <dl className="bl-facts" style={{ margin: '4px 0 0' }}>
              {review.reasons && (
                <>
                  <dt>{review.decision === 'REJECTED' ? t('reasons') : t('remarks')}</dt>
                  <dd className="bl-pre">{review.reasons}</dd>
                </>
              )}
              <dt>{t('reviewedByLabel')}</dt>
              <dd>{t('signedBy', { name: review.reviewedBy, time: dates.time(review.reviewedAt) })}</dd>
              <dt>{t('contentSha256')}</dt>
              <dd>
                <code className="bl-hash">{review.contentSha256}</code>
              </dd>
            </dl>
            <RecordPhotos photos={review.photos} label={t('reviewPhotos')} />
          </>
        ) : (
          <span className="bl-hint">{supersededByN === undefined ? t('awaitingReview') : t('notReviewed')}</span>
        )}
      </div>
    </article>
  );
}

type Row = RecordItem & { id: string; n: number };

/** The record's items (表 E: 设计要求及规范规定, 最小/实际抽样数量, 检查记录, 检查结果), scrolling sideways on phones. */
export function ItemsTable({ items }: { items: RecordItem[] }) {
  const t = useTranslations('lot');
  const problems = useProblemText();
  const rows: Row[] = items.map((item, i) => ({ ...item, id: String(i), n: i + 1 }));
  const columns: TableColumnsType<Row> = [
    { title: t('columns.n'), dataIndex: 'n', width: 56 },
    { title: t('columns.kind'), dataIndex: 'kind', render: (kind: RecordItem['kind']) => t(`kind.${kind}`), width: 88 },
    { title: t('columns.requirement'), dataIndex: 'requirement', render: (text: string, row) => (
      <>
        <div style={{ minWidth: 140, maxWidth: 240, whiteSpace: 'normal' }}>{text}</div>
        {row.note && <div className="bl-hint">{row.note}</div>}
      </>
    ) },
    { title: t('columns.sample'), key: 'sample', render: (_, row) => t('sampleValue', { min: row.minSample, sampled: row.sampled }) },
    {
      title: t('columns.passed'),
      key: 'passed',
      render: (_, row) => (
        <>
          {t('passedValue', { passed: row.passed, rate: row.sampled > 0 ? Math.round((row.passed / row.sampled) * 1000) / 10 : 0 })}
          {row.severeDefect && (
            <div>
              <Tag color="error">{t('severeDefect')}</Tag>
            </div>
          )}
        </>
      ),
    },
    { title: t('columns.measured'), key: 'measured', render: (_, row) => (row.measured?.length ? <span className="bl-mono">{row.measured.join(', ')}</span> : '—') },
    {
      title: t('columns.result'),
      key: 'result',
      render: (_, row) => {
        const verdict = itemVerdict(row);
        return verdict.pass ? (
          <Tag color="success">{t('itemPass')}</Tag>
        ) : (
          <>
            <Tag color="error">{t('itemFail')}</Tag>
            <div className="bl-hint">{verdict.problems.map((p) => problems.item(p, row.passRate)).join('、')}</div>
          </>
        );
      },
    },
  ];
  return (
    <div className="bl-table-wrap">
      <Table<Row> rowKey="id" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} size="small" />
    </div>
  );
}
