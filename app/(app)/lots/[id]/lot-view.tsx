'use client';

import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { PageHead } from '@/app/_components/page-head';
import { deliveredIn } from '@/app/(app)/_components/form-draft';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { ConcealedSection } from './concealed-section';
import { FailedMaterialAlert } from './lot-materials';
import { LotStatusTag, useLotRefs } from './lot-status';
import { RecordHistory } from './record-history';
import { ReviewForm } from './review-form';
import { DraftReconciler, SelfCheckSection } from './self-check-form';
import { SideStationSection } from './side-station-section';
import { LotSuspendedAlert } from '@/app/(app)/_components/suspension-alert';
import type { RecordContent } from './self-check-draft';

export type LotData = RouterOutputs['inspections']['lot'];
export type LotRecord = LotData['records'][number];

export function LotView({ userId, initialData }: { userId: string; initialData: LotData }) {
  const t = useTranslations('lot');
  const trpc = useTRPC();
  const lotId = initialData.lot.id;
  const { data = initialData } = useQuery(trpc.inspections.lot.queryOptions({ lotId }, { initialData }));
  const { lot, state, records, concealedWorks, sideStations, permissions } = data;
  // The record this page just submitted (or found delivered from a draft): its receipt.
  const [receiptId, setReceiptId] = useState<string | null>(null);
  const refs = useLotRefs();

  const blocked = state.blockedBy.length > 0;
  const open = state.status === 'OPEN' || state.status === 'REJECTED';
  // Under an active 暂停施工 order nothing new is recorded here (supervision.md §4); the server refuses it too.
  const suspended = open && state.suspendedBy !== null;
  const submittable = open && !blocked && !suspended;
  const current = records.find((r) => r.id === state.currentRecordId) ?? null;
  const rejected = state.status === 'REJECTED' && current ? (current.content as RecordContent) : null;

  return (
    <div className="bl-lot-page">
      <PageHead
        title={lot.name}
        hint={t('place', { division: lot.division, subdivision: lot.subdivision, item: lot.itemName })}
        action={
          <Link href={`/buildings/${lot.buildingId}/inspections`} className="bl-touch-link">
            <ArrowLeftOutlined aria-hidden /> {t('backToProgress')}
          </Link>
        }
      />

      <div className="bl-stack">
        <Card title={<h2 className="bl-card-title">{t('factsTitle')}</h2>} extra={<LotStatusTag status={suspended ? 'SUSPENDED' : state.status === 'OPEN' && blocked ? 'BLOCKED' : state.status} />}>
          <dl className="bl-facts" style={{ marginBottom: 0 }}>
            <dt>{t('division')}</dt>
            <dd>{lot.division}</dd>
            <dt>{t('subdivision')}</dt>
            <dd>
              {lot.subdivision} <span className="bl-code">{lot.subdivisionCode}</span>
            </dd>
            <dt>{t('item')}</dt>
            <dd>
              {lot.itemName} <span className="bl-code">{lot.itemCode}</span>
            </dd>
            <dt>{t('location')}</dt>
            <dd>{lot.location}</dd>
            <dt>{t('capacity')}</dt>
            <dd>{t('capacityValue', { capacity: lot.capacity, unit: lot.capacityUnit })}</dd>
            <dt>{t('minimumSample')}</dt>
            <dd>{lot.minimumSample ?? t('minimumSampleNone')}</dd>
            <dt>{t('predecessors')}</dt>
            <dd>
              {lot.predecessors.length === 0 ? (
                t('noPredecessors')
              ) : (
                <ul className="bl-predecessors">
                  {lot.predecessors.map((p) => {
                    const blocking = state.blockedBy.find((b) => b.id === p.id);
                    return (
                      <li key={p.id}>
                        <Link href={`/lots/${p.id}`}>{t('lotRef', { name: p.name, location: p.location })}</Link>{' '}
                        {blocking ? (
                          <Tag color="warning">{t(`predecessorBlocking.${blocking.reason}`)}</Tag>
                        ) : (
                          <Tag color="success">{t('predecessorAccepted')}</Tag>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </dl>
        </Card>

        {suspended && <LotSuspendedAlert buildingId={lot.buildingId} suspension={state.suspendedBy!} />}

        {blocked && state.status !== 'ACCEPTED' && (
          <Alert type="warning" showIcon title={t('blockedTitle', { lots: refs(state.blockedBy) })} description={t('blockedHint')} />
        )}

        <FailedMaterialAlert failed={state.failedMaterials} />

        <RecordHistory records={records} />

        {receiptId && <Receipt recordId={receiptId} records={records} />}

        {permissions.canSubmit && submittable && (
          <SelfCheckSection
            key={`${state.status}:${state.currentRecordId ?? ''}`}
            lotId={lot.id}
            buildingId={lot.buildingId}
            userId={userId}
            capacity={lot.capacity}
            rejected={rejected}
            delivered={deliveredIn(records)}
            onSubmitted={setReceiptId}
          />
        )}
        {permissions.canSubmit && !submittable && (
          <DraftReconciler lotId={lot.id} userId={userId} delivered={deliveredIn(records)} onDelivered={setReceiptId} />
        )}

        {permissions.canReview && state.status === 'SUBMITTED' && current && <ReviewForm key={current.id} record={current} buildingId={lot.buildingId} userId={userId} />}

        <ConcealedSection
          lotId={lot.id}
          buildingId={lot.buildingId}
          userId={userId}
          works={concealedWorks}
          canRecord={permissions.canRecordConcealed && !state.suspendedBy}
          canReview={permissions.canReviewConcealed}
        />
        <SideStationSection
          lotId={lot.id}
          buildingId={lot.buildingId}
          userId={userId}
          records={sideStations}
          canRecord={permissions.canRecordSideStation && !state.suspendedBy}
          canConfirm={permissions.canConfirmSideStation}
        />
      </div>
    </div>
  );
}

/** After a submission: the record's id and its content's SHA-256, as the server now reports them. */
function Receipt({ recordId, records }: { recordId: string; records: LotRecord[] }) {
  const t = useTranslations('selfCheck');
  const record = records.find((r) => r.id === recordId);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} aria-labelledby="receipt-title" role="region">
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined aria-hidden />}
        title={<span id="receipt-title">{t('receiptTitle')}</span>}
        description={
          <>
            <p style={{ margin: '0 0 4px' }}>{t('receiptHint')}</p>
            <dl className="bl-facts" style={{ margin: 0 }}>
              <dt>{t('receiptRecord')}</dt>
              <dd>
                <code className="bl-hash">{recordId}</code>
              </dd>
              <dt>{t('receiptSha')}</dt>
              <dd>{record ? <code className="bl-hash">{record.contentSha256}</code> : t('receiptChecking')}</dd>
            </dl>
          </>
        }
      />
    </div>
  );
}
