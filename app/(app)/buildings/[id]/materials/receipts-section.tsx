'use client';

import { AuditOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useDates } from '@/app/(app)/_components/use-dates';
import { ApprovalForm, ReceiptForm } from './receipt-forms';
import { kindName, materialFileHref } from './material-refs';
import { FormOpener } from './materials-form';
import type { MaterialsData } from './materials-view';

type Receipt = MaterialsData['receipts'][number];

/** 进场验收: each batch with its certificates and the 监理's approval; the forms for those who may sign. */
export function ReceiptsSection({ data }: { data: MaterialsData }) {
  const t = useTranslations('materials');
  const { receipts, permissions, building } = data;
  return (
    <section aria-labelledby="receipts-title">
      <Card title={<h2 id="receipts-title" className="bl-card-title">{t('receiptsTitle')}</h2>}>
        {receipts.length === 0 ? (
          <p className="bl-hint" style={{ margin: 0 }}>
            {t('receiptsNone')}
          </p>
        ) : (
          <div className="bl-records">
            {receipts.map((receipt) => (
              <ReceiptArticle key={receipt.id} receipt={receipt} buildingId={building.id} canApprove={permissions.canApprove} />
            ))}
          </div>
        )}
        {permissions.canRecordReceipt && (
          <FormOpener label={t('recordReceipt')} icon={<PlusOutlined aria-hidden />}>
            {(close) => <ReceiptForm buildingId={building.id} onDone={close} />}
          </FormOpener>
        )}
      </Card>
    </section>
  );
}

function ReceiptArticle({ receipt, buildingId, canApprove }: { receipt: Receipt; buildingId: string; canApprove: boolean }) {
  const t = useTranslations('materials');
  const dates = useDates();
  const headingId = `receipt-${receipt.id}`;
  const { approval } = receipt;
  const state = approval ? t(`decision.${approval.decision}`) : t('pending');
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('receiptHeading', { kind: kindName(receipt.kind), name: receipt.name })}</span>
        <Tag color={approval ? (approval.decision === 'ACCEPTED' ? 'success' : 'error') : 'processing'} style={{ marginInlineEnd: 0 }}>
          {state}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('specification')}</dt>
        <dd>{receipt.specification}</dd>
        <dt>{t('batchNo')}</dt>
        <dd className="bl-mono">{receipt.batchNo}</dd>
        <dt>{t('quantity')}</dt>
        <dd>{t('quantityValue', { quantity: receipt.quantity, unit: receipt.unit })}</dd>
        <dt>{t('supplier')}</dt>
        <dd>{receipt.supplier}</dd>
        <dt>{t('receivedOn')}</dt>
        <dd>{dates.day(receipt.receivedOn)}</dd>
        <dt>{t('certificates')}</dt>
        <dd>
          <ul className="bl-plain-list">
            {receipt.certificates.map((sha256, i) => (
              <li key={sha256}>
                <a href={materialFileHref(buildingId, sha256)} download className="bl-touch-link">
                  <DownloadOutlined aria-hidden /> {t('certificateN', { n: i + 1 })}
                </a>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('recordedBy')}</dt>
        <dd>{t('signedBy', { name: receipt.recordedBy, time: dates.time(receipt.recordedAt) })}</dd>
      </dl>
      <div className={`bl-review-box ${approval ? `bl-review-${approval.decision.toLowerCase()}` : ''}`}>
        <div className="bl-review-head">
          <strong>{t('approval')}</strong>
          <span>{state}</span>
        </div>
        {approval && (
          <dl className="bl-facts" style={{ margin: '4px 0 0' }}>
            {approval.reasons && (
              <>
                <dt>{approval.decision === 'REJECTED' ? t('reasons') : t('remarks')}</dt>
                <dd className="bl-pre">{approval.reasons}</dd>
              </>
            )}
            <dt>{t('reviewedBy')}</dt>
            <dd>{t('signedBy', { name: approval.reviewedBy, time: dates.time(approval.reviewedAt) })}</dd>
          </dl>
        )}
        {canApprove && !approval && (
          <FormOpener label={t('approve')} icon={<AuditOutlined aria-hidden />}>
            {(close) => <ApprovalForm receipt={receipt} onDone={close} />}
          </FormOpener>
        )}
      </div>
    </article>
  );
}
