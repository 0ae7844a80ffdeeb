'use client';

import { EditOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { DecisionField } from '@/app/(app)/_components/decision-field';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { SelectField } from '@/app/(app)/_components/fields';
import { DateTimeField, siteNow } from '@/app/(app)/lots/[id]/date-time-field';
import { recordResultInput, recordSampleInput } from '@/server/materials/schemas';
import { DocumentField } from './document-field';
import { KIND_OPTIONS } from './material-refs';
import { useSigned } from './materials-form';
import type { MaterialsData } from './materials-view';
import { SigningPasswordField } from './signing-password-field';

type SampleValues = z.input<typeof recordSampleInput>;
type ResultValues = z.input<typeof recordResultInput>;

/** As a witness the sampler must be named (the server refuses a witnessed sample without one). */
const witnessedSampleInput = recordSampleInput.refine((v) => v.samplerId !== undefined, { path: ['samplerId'], error: 'validation.required' });

/**
 * A sample. A 监理 or 建设单位 person records it as its witness and names the 施工单位's sampler;
 * the 施工单位 records its own, unwitnessed. Optionally tied to the batch it was taken from.
 */
export function SampleForm({ data, witness, onDone }: { data: MaterialsData; witness: boolean; onDone: () => void }) {
  const t = useTranslations('materials');
  const trpc = useTRPC();
  const record = useMutation(trpc.materials.recordSample.mutationOptions({ networkMode: 'always' }));
  const signed = useSigned(onDone);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const empty: SampleValues = {
    buildingId: data.building.id,
    kind: undefined as unknown as SampleValues['kind'],
    sampleNo: '',
    location: '',
    sampledAt: siteNow(),
    lab: '',
    password: '',
    idempotencyKey,
  };
  const { form, onSubmit } = useMutationForm(witness ? witnessedSampleInput : recordSampleInput, empty, async (values) => {
    await record.mutateAsync(values);
    await signed(t('sampleRecorded'));
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const samplerLabel = ({ name, title, isLeader }: MaterialsData['samplers'][number]) => {
    const role = isLeader ? t('leaderTitle') : title;
    return role ? t('samplerOption', { name, title: role }) : name;
  };

  return (
    <MutationForm label={t('recordSample')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h3>{t('recordSample')}</h3>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {witness ? t('sampleHintWitness') : t('sampleHintSampler')}
      </p>
      <SelectField control={control} name="kind" id="sample-kind" label={t('kind')} required placeholder={t('kindPlaceholder')} options={KIND_OPTIONS} />
      <SelectField
        control={control}
        name="receiptId"
        id="sample-receipt"
        label={t('receipt')}
        placeholder={t('receiptPlaceholder')}
        allowClear
        options={data.receipts.map((r) => ({ value: r.id, label: t('receiptOption', { name: r.name, batchNo: r.batchNo }) }))}
      />
      <TextField control={control} name="sampleNo" id="sample-no" label={t('sampleNo')} required placeholder={t('sampleNoPlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="location" id="sample-location" label={t('location')} required placeholder={t('locationPlaceholder')} size="large" autoComplete="off" />
      <DateTimeField control={control} name="sampledAt" id="sample-at" label={t('sampledAt')} required />
      {witness && (
        <SelectField
          control={control}
          name="samplerId"
          id="sample-sampler"
          label={t('samplerLabel')}
          required
          placeholder={t('samplerPlaceholder')}
          options={data.samplers.map((s) => ({ value: s.userId, label: samplerLabel(s) }))}
        />
      )}
      <TextField control={control} name="lab" id="sample-lab" label={t('lab')} required placeholder={t('labPlaceholder')} size="large" />
      <SigningPasswordField control={control} name="password" id="sample-password" />
      <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('sampleSubmit')}
      </Button>
    </MutationForm>
  );
}

/** The lab's result on a sample: the report (uploaded), its number and date, 合格 or 不合格; signed. */
export function ResultForm({ sample, onDone }: { sample: MaterialsData['samples'][number]; onDone: () => void }) {
  const t = useTranslations('materials');
  const trpc = useTRPC();
  const record = useMutation(trpc.materials.recordResult.mutationOptions({ networkMode: 'always' }));
  const signed = useSigned(onDone);
  const empty: ResultValues = {
    sampleId: sample.id,
    reportNo: '',
    reportSha256: '',
    passed: undefined as unknown as boolean,
    reportedOn: siteNow().slice(0, 10),
    password: '',
  };
  const { form, onSubmit } = useMutationForm(recordResultInput, empty, async (values) => {
    await record.mutateAsync(values);
    await signed(t('resultRecorded'));
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const title = t('resultTitle', { sampleNo: sample.sampleNo });
  const id = (field: string) => `result-${field}-${sample.id}`;

  return (
    <MutationForm label={title} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h4>{title}</h4>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('resultHint')}
      </p>
      <DocumentField control={control} name="reportSha256" id={id('report')} label={t('report')} help={t('reportHelp')} missingText={t('reportMissing')} />
      <TextField control={control} name="reportNo" id={id('no')} label={t('reportNo')} required placeholder={t('reportNoPlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="reportedOn" id={id('on')} label={t('reportedOn')} required type="date" size="large" />
      <DecisionField
        control={control}
        name="passed"
        id={id('verdict')}
        label={t('verdictLabel')}
        chooseText={t('chooseVerdict')}
        options={[
          { value: true, label: t('verdict.passed') },
          { value: false, label: t('verdict.failed') },
        ]}
      />
      <SigningPasswordField control={control} name="password" id={id('password')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<ExperimentOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('resultSubmit')}
      </Button>
    </MutationForm>
  );
}
