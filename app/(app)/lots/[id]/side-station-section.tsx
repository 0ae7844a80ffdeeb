'use client';

import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Skeleton, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { deliveredIn, useDraft, type DraftedForm, type DraftValues } from '@/app/(app)/_components/form-draft';
import { PhotoCapture } from '@/app/(app)/_components/photo-capture';
import { confirmSideStationInput, recordSideStationInput } from '@/server/inspections/schemas';
import { useDates } from '../../_components/use-dates';
import { DateTimeField } from './date-time-field';
import { DraftNotices, DraftSaveStatus } from './draft-notices';
import { useDraftedRecord } from './drafted-record';
import type { LotData } from './lot-view';
import { RecordPhotos } from './record-photos';
import { SignedBy } from './signed-by';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';

type SideStation = LotData['sideStations'][number];
type RecordValues = z.input<typeof recordSideStationInput>;
type RecordParsed = z.output<typeof recordSideStationInput>;
type SideStationDraftValues = DraftValues<RecordValues>;

/**
 * 旁站记录 (建设工程监理规范 GB/T 50319): the 监理 on site records a key part or process as
 * it happens; the 施工单位's 质检员 countersigns it. Each is signed with the password.
 */
export function SideStationSection({
  lotId,
  buildingId,
  userId,
  records,
  canRecord,
  canConfirm,
}: {
  lotId: string;
  buildingId: string;
  userId: string;
  records: SideStation[];
  canRecord: boolean;
  canConfirm: boolean;
}) {
  const t = useTranslations('sideStation');
  const { message } = App.useApp();
  // The 监理's draft on this device; a recorded 旁站 starts a fresh one (new key, no photos).
  const draftKey = `side-station:${userId}:${lotId}`;
  const draft = useDraft<SideStationDraftValues>(draftKey, deliveredIn(records), () => message.info(t('draftDelivered')));
  return (
    <section aria-labelledby="side-station-title">
      <Card title={<h2 id="side-station-title" className="bl-card-title">{t('title')}</h2>}>
        {records.length === 0 ? (
          <p className="bl-hint" style={{ margin: 0 }}>
            {t('none')}
          </p>
        ) : (
          <div className="bl-records">
            {records.map((record, i) => (
              <SideStationArticle key={record.id} record={record} n={i + 1} canConfirm={canConfirm} />
            ))}
          </div>
        )}
        {canRecord &&
          (draft.form ? <SideStationForm key={draft.generation} lotId={lotId} buildingId={buildingId} draft={draft.form} /> : <Skeleton active paragraph={{ rows: 4 }} />)}
      </Card>
    </section>
  );
}

function SideStationArticle({ record, n, canConfirm }: { record: SideStation; n: number; canConfirm: boolean }) {
  const t = useTranslations('sideStation');
  const dates = useDates();
  const headingId = `side-station-${record.id}`;
  const confirmation = record.confirmation;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('recordTitle', { n, process: record.process })}</span>
        <Tag color={confirmation ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
          {confirmation ? t('confirmed') : t('awaitingConfirmation')}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('process')}</dt>
        <dd>{record.process}</dd>
        <dt>{t('location')}</dt>
        <dd>{record.location}</dd>
        <dt>{t('period')}</dt>
        <dd>{t('periodValue', { start: dates.time(record.startedAt), end: dates.time(record.endedAt) })}</dd>
        <dt>{t('observations')}</dt>
        <dd className="bl-pre">{record.observations}</dd>
        <dt>{t('problems')}</dt>
        <dd className="bl-pre">{record.problems || t('noProblems')}</dd>
        {record.actions && (
          <>
            <dt>{t('actions')}</dt>
            <dd className="bl-pre">{record.actions}</dd>
          </>
        )}
        <dt>{t('recordedBy')}</dt>
        <dd>
          <SignedBy by={record.recordedBy} />
        </dd>
        <dt>{t('contentSha256')}</dt>
        <dd>
          <code className="bl-hash">{record.contentSha256}</code>
        </dd>
      </dl>
      <RecordPhotos photos={record.photos} />
      <div className={`bl-review-box ${confirmation ? 'bl-review-accepted' : ''}`}>
        {confirmation ? (
          <dl className="bl-facts" style={{ margin: 0 }}>
            <dt>{t('confirmedBy')}</dt>
            <dd>
              <SignedBy by={confirmation.confirmedBy} />
            </dd>
          </dl>
        ) : canConfirm ? (
          <ConfirmForm recordId={record.id} n={n} />
        ) : (
          <span className="bl-hint">{t('awaitingConfirmation')}</span>
        )}
      </div>
    </article>
  );
}

/** 会签: the 施工单位's 质检员 signs the 旁站记录 as it stands. */
function ConfirmForm({ recordId, n }: { recordId: string; n: number }) {
  const t = useTranslations('sideStation');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(trpc.inspections.confirmSideStation.mutationOptions({ networkMode: 'always' }));
  const { form, onSubmit } = useMutationForm(confirmSideStationInput, { recordId, password: '' }, async (values) => {
    await confirm.mutateAsync(values);
    message.success(t('confirmedDone'));
    await queryClient.invalidateQueries(trpc.inspections.pathFilter());
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <MutationForm label={t('confirmFormLabel', { n })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('confirmHint')}
      </p>
      <TextField
        control={form.control}
        name="password"
        id={`side-station-confirm-password-${recordId}`}
        label={t('password')}
        required
        password
        size="large"
        autoComplete="current-password"
        help={t('confirmPasswordHint')}
      />
      <Button type="primary" htmlType="submit" size="large" block icon={<SafetyCertificateOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('confirmSubmit')}
      </Button>
    </MutationForm>
  );
}

function SideStationForm({ lotId, buildingId, draft }: { lotId: string; buildingId: string; draft: DraftedForm<SideStationDraftValues> }) {
  const t = useTranslations('sideStation');
  const trpc = useTRPC();
  // Offline, fail at once with the network message rather than wait paused (see self-check-form.tsx).
  const record = useMutation(trpc.inspections.recordSideStation.mutationOptions({ networkMode: 'always' }));
  const schema: z.ZodType<RecordParsed, RecordValues> = recordSideStationInput;
  const form = useForm<RecordValues, unknown, RecordParsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      process: '',
      location: '',
      startedAt: undefined as unknown as string,
      endedAt: undefined as unknown as string,
      observations: '',
      problems: '',
      actions: '',
      ...draft.initial,
      lotId,
      password: '',
      idempotencyKey: draft.idempotencyKey,
    },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, evidence, saver, discard } = useDraftedRecord(form, draft, (values, photoIds) => record.mutateAsync({ ...values, photoIds }), t('recorded'));

  return (
    <section aria-labelledby="side-station-form-title" className="bl-subform">
      <h3 id="side-station-form-title">{t('formTitle')}</h3>
      <MutationForm label={t('formTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
        <DraftNotices restoredAt={draft.restoredAt} storage={draft.storage} onDiscard={discard} />
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('formHint')}
        </p>
        <TextField control={control} name="process" id="side-station-process" label={t('process')} required placeholder={t('processPlaceholder')} size="large" autoComplete="off" />
        <TextField control={control} name="location" id="side-station-location" label={t('location')} required placeholder={t('locationPlaceholder')} size="large" autoComplete="off" />
        <DateTimeField control={control} name="startedAt" id="side-station-started" label={t('startedAt')} required />
        <DateTimeField control={control} name="endedAt" id="side-station-ended" label={t('endedAt')} required />
        <TextAreaField control={control} name="observations" id="side-station-observations" label={t('observations')} required placeholder={t('observationsPlaceholder')} />
        <TextAreaField control={control} name="problems" id="side-station-problems" label={t('problems')} help={t('problemsHelp')} />
        <TextAreaField control={control} name="actions" id="side-station-actions" label={t('actions')} />
        <PhotoCapture owner={draft.draftKey} buildingId={buildingId} onChange={evidence.onChange} />
        <TextField
          control={control}
          name="password"
          id="side-station-password"
          label={t('password')}
          required
          password
          size="large"
          autoComplete="current-password"
          help={t('recordPasswordHint')}
        />
        <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
          {t('submit')}
        </Button>
        <DraftSaveStatus state={saver.state} restored={draft.restoredAt !== null} />
      </MutationForm>
    </section>
  );
}
