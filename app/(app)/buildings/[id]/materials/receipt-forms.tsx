'use client';

import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { ReviewDecisionFields } from '@/app/(app)/_components/decision-field';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { CoercedTextField, SelectField } from '@/app/(app)/_components/fields';
import { siteNow } from '@/app/(app)/lots/[id]/date-time-field';
import { approveReceiptInput, recordReceiptInput } from '@/server/materials/schemas';
import { DocumentField } from './document-field';
import { KIND_OPTIONS } from './material-refs';
import { useSigned } from './materials-form';
import type { MaterialsData } from './materials-view';
import { SigningPasswordField } from './signing-password-field';

type ReceiptValues = z.input<typeof recordReceiptInput>;
type ApprovalValues = z.input<typeof approveReceiptInput>;

/**
 * 进场验收 by the 施工单位: the batch, its certificates (uploaded first, named by SHA-256) and the
 * recorder's signature. The idempotency key lives as long as the form: a double submit, or a
 * retry after a lost answer, makes one record.
 */
export function ReceiptForm({ buildingId, onDone }: { buildingId: string; onDone: () => void }) {
  const t = useTranslations('materials');
  const trpc = useTRPC();
  // Offline, fail at once with the network message rather than wait paused.
  const record = useMutation(trpc.materials.recordReceipt.mutationOptions({ networkMode: 'always' }));
  const signed = useSigned(onDone);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const empty: ReceiptValues = {
    buildingId,
    kind: undefined as unknown as ReceiptValues['kind'],
    name: '',
    specification: '',
    batchNo: '',
    quantity: '',
    unit: '',
    supplier: '',
    receivedOn: siteNow().slice(0, 10),
    certificates: [],
    password: '',
    idempotencyKey,
  };
  const { form, onSubmit } = useMutationForm(recordReceiptInput, empty, async (values) => {
    await record.mutateAsync(values);
    await signed(t('receiptRecorded'));
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;

  return (
    <MutationForm label={t('recordReceipt')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h3>{t('recordReceipt')}</h3>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('recordReceiptHint')}
      </p>
      <SelectField control={control} name="kind" id="receipt-kind" label={t('kind')} required placeholder={t('kindPlaceholder')} options={KIND_OPTIONS} />
      <TextField control={control} name="name" id="receipt-name" label={t('name')} required placeholder={t('namePlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="specification" id="receipt-specification" label={t('specification')} required placeholder={t('specificationPlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="batchNo" id="receipt-batch" label={t('batchNo')} required placeholder={t('batchNoPlaceholder')} size="large" autoComplete="off" />
      <div className="bl-form-row">
        <CoercedTextField control={control} name="quantity" id="receipt-quantity" label={t('quantity')} required inputMode="decimal" size="large" autoComplete="off" />
        <TextField control={control} name="unit" id="receipt-unit" label={t('unit')} required placeholder={t('unitPlaceholder')} size="large" autoComplete="off" />
      </div>
      <TextField control={control} name="supplier" id="receipt-supplier" label={t('supplier')} required placeholder={t('supplierPlaceholder')} size="large" />
      <TextField control={control} name="receivedOn" id="receipt-received-on" label={t('receivedOn')} required type="date" size="large" />
      <DocumentField control={control} name="certificates" id="receipt-certificates" label={t('certificates')} help={t('certificatesHelp')} multiple />
      <SigningPasswordField control={control} name="password" id="receipt-password" />
      <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('receiptSubmit')}
      </Button>
    </MutationForm>
  );
}

/** The 监理's approval of a pending receipt: 同意使用, or 不同意 with reasons; signed. */
export function ApprovalForm({ receipt, onDone }: { receipt: MaterialsData['receipts'][number]; onDone: () => void }) {
  const t = useTranslations('materials');
  const trpc = useTRPC();
  const approve = useMutation(trpc.materials.approveReceipt.mutationOptions({ networkMode: 'always' }));
  const signed = useSigned(onDone);
  const empty: ApprovalValues = { receiptId: receipt.id, decision: undefined as unknown as ApprovalValues['decision'], password: '' };
  const { form, onSubmit } = useMutationForm(approveReceiptInput, empty, async (values) => {
    const result = await approve.mutateAsync(values);
    await signed(result.decision === 'ACCEPTED' ? t('approved') : t('refused'));
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const title = t('approvalTitle', { name: receipt.name, batchNo: receipt.batchNo });

  return (
    <MutationForm label={title} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h4>{title}</h4>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('approvalHint')}
      </p>
      <ReviewDecisionFields
        control={control}
        id={`approval-${receipt.id}`}
        text={{ label: t('decisionLabel'), choose: t('chooseDecision'), accept: t('accept'), reject: t('reject'), reasons: t('reasons'), reasonsHelp: t('reasonsHelp'), remarks: t('remarks'), remarksHelp: t('remarksHelp') }}
      />
      <SigningPasswordField control={control} name="password" id={`approval-password-${receipt.id}`} />
      <Button type="primary" htmlType="submit" size="large" block icon={<AuditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('approvalSubmit')}
      </Button>
    </MutationForm>
  );
}
