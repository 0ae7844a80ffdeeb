'use client';

import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Skeleton, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { ReviewDecisionFields } from '@/app/(app)/_components/decision-field';
import { deliveredIn, useDraft, type DraftedForm, type DraftValues } from '@/app/(app)/_components/form-draft';
import { PhotoCapture, useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { recordConcealedWorkInput, reviewConcealedWorkInput } from '@/server/inspections/schemas';
import { useDates } from '../../_components/use-dates';
import { DateTimeField } from './date-time-field';
import { DraftNotices, DraftSaveStatus } from './draft-notices';
import { useDraftedRecord } from './drafted-record';
import type { LotData } from './lot-view';
import { RecordPhotos } from './record-photos';
import { SignedBy } from './signed-by';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';

type ConcealedWork = LotData['concealedWorks'][number];
type RecordValues = z.input<typeof recordConcealedWorkInput>;
type RecordParsed = z.output<typeof recordConcealedWorkInput>;
type ConcealedDraftValues = DraftValues<RecordValues>;
type ReviewValues = z.input<typeof reviewConcealedWorkInput>;
type ReviewParsed = z.output<typeof reviewConcealedWorkInput>;

/**
 * 隐蔽工程验收 (建设工程质量管理条例 第三十条): the 施工单位 records the work before it is
 * covered (the record is the notice to the 建设单位 and the 质监站); the 监理 accepts it, or
 * refuses it with reasons, before covering. Each is signed with the password.
 */
export function ConcealedSection({
  lotId,
  buildingId,
  userId,
  works,
  canRecord,
  canReview,
}: {
  lotId: string;
  buildingId: string;
  userId: string;
  works: ConcealedWork[];
  canRecord: boolean;
  canReview: boolean;
}) {
  const t = useTranslations('concealed');
  const { message } = App.useApp();
  // The contractor's draft on this device; a recorded work starts a fresh one (new key, no photos).
  const draftKey = `concealed:${userId}:${lotId}`;
  const draft = useDraft<ConcealedDraftValues>(draftKey, deliveredIn(works), () => message.info(t('draftDelivered')));
  const latest = works.at(-1);
  return (
    <section aria-labelledby="concealed-title">
      <Card title={<h2 id="concealed-title" className="bl-card-title">{t('title')}</h2>}>
        {works.length === 0 ? (
          <p className="bl-hint" style={{ margin: 0 }}>
            {t('none')}
          </p>
        ) : (
          <div className="bl-records">
            {works.map((work, i) => (
              <ConcealedArticle key={work.id} work={work} n={i + 1} />
            ))}
          </div>
        )}
        {canReview && latest && !latest.acceptance && (
          <ConcealedReviewForm key={latest.id} work={latest} n={works.length} buildingId={buildingId} userId={userId} />
        )}
        {canRecord &&
          (draft.form ? <ConcealedRecordForm key={draft.generation} lotId={lotId} buildingId={buildingId} draft={draft.form} /> : <Skeleton active paragraph={{ rows: 4 }} />)}
      </Card>
    </section>
  );
}

function ConcealedArticle({ work, n }: { work: ConcealedWork; n: number }) {
  const t = useTranslations('concealed');
  const dates = useDates();
  const headingId = `concealed-${work.id}`;
  const acceptance = work.acceptance;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('workTitle', { n, location: work.location })}</span>
        <Tag color={acceptance ? (acceptance.decision === 'ACCEPTED' ? 'success' : 'error') : 'processing'} style={{ marginInlineEnd: 0 }}>
          {acceptance ? t(`decision.${acceptance.decision}`) : t('awaiting')}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('location')}</dt>
        <dd>{work.location}</dd>
        <dt>{t('description')}</dt>
        <dd className="bl-pre">{work.description}</dd>
        {work.references && (
          <>
            <dt>{t('references')}</dt>
            <dd className="bl-pre">{work.references}</dd>
          </>
        )}
        <dt>{t('plannedCoverAt')}</dt>
        <dd>{work.plannedCoverAt ? dates.time(work.plannedCoverAt) : t('plannedCoverNone')}</dd>
        <dt>{t('notice')}</dt>
        <dd>{t('notified', { time: dates.time(work.notifiedAt) })}</dd>
        <dt>{t('recordedBy')}</dt>
        <dd>
          <SignedBy by={work.recordedBy} />
        </dd>
        <dt>{t('contentSha256')}</dt>
        <dd>
          <code className="bl-hash">{work.contentSha256}</code>
        </dd>
      </dl>
      <RecordPhotos photos={work.photos} />
      <div className={`bl-review-box ${acceptance ? `bl-review-${acceptance.decision.toLowerCase()}` : ''}`}>
        {acceptance ? (
          <>
            <div className="bl-review-head">
              <strong>{t('acceptanceTitle')}</strong>
              <Tag color={acceptance.decision === 'ACCEPTED' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
                {t(`decision.${acceptance.decision}`)}
              </Tag>
            </div>
            <dl className="bl-facts" style={{ margin: '4px 0 0' }}>
              {acceptance.reasons && (
                <>
                  <dt>{acceptance.decision === 'REJECTED' ? t('reasons') : t('remarks')}</dt>
                  <dd className="bl-pre">{acceptance.reasons}</dd>
                </>
              )}
              <dt>{t('reviewedBy')}</dt>
              <dd>
                <SignedBy by={acceptance.reviewedBy} />
              </dd>
            </dl>
            <RecordPhotos photos={acceptance.photos} label={t('acceptancePhotos')} />
          </>
        ) : (
          <span className="bl-hint">{t('awaiting')}</span>
        )}
      </div>
    </article>
  );
}

function ConcealedRecordForm({ lotId, buildingId, draft }: { lotId: string; buildingId: string; draft: DraftedForm<ConcealedDraftValues> }) {
  const t = useTranslations('concealed');
  const trpc = useTRPC();
  // Offline, fail at once with the network message rather than wait paused (see self-check-form.tsx).
  const record = useMutation(trpc.inspections.recordConcealed.mutationOptions({ networkMode: 'always' }));
  const schema: z.ZodType<RecordParsed, RecordValues> = recordConcealedWorkInput;
  const form = useForm<RecordValues, unknown, RecordParsed>({
    resolver: zodResolver(schema),
    defaultValues: { location: '', description: '', references: '', plannedCoverAt: undefined, ...draft.initial, lotId, password: '', idempotencyKey: draft.idempotencyKey },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, evidence, saver, discard } = useDraftedRecord(form, draft, (values, photoIds) => record.mutateAsync({ ...values, photoIds }), t('recorded'));

  return (
    <section aria-labelledby="concealed-record-title" className="bl-subform">
      <h3 id="concealed-record-title">{t('recordTitle')}</h3>
      <MutationForm label={t('recordTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
        <DraftNotices restoredAt={draft.restoredAt} storage={draft.storage} onDiscard={discard} />
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('recordHint')}
        </p>
        <TextField control={control} name="location" id="concealed-location" label={t('location')} required placeholder={t('locationPlaceholder')} size="large" autoComplete="off" />
        <TextAreaField control={control} name="description" id="concealed-description" label={t('description')} required placeholder={t('descriptionPlaceholder')} />
        <TextAreaField control={control} name="references" id="concealed-references" label={t('references')} placeholder={t('referencesPlaceholder')} />
        <DateTimeField control={control} name="plannedCoverAt" id="concealed-planned-cover" label={t('plannedCoverAt')} help={t('plannedCoverHelp')} />
        <PhotoCapture owner={draft.draftKey} buildingId={buildingId} onChange={evidence.onChange} />
        <TextField
          control={control}
          name="password"
          id="concealed-password"
          label={t('password')}
          required
          password
          size="large"
          autoComplete="current-password"
          help={t('recordPasswordHint')}
        />
        <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
          {t('recordSubmit')}
        </Button>
        <DraftSaveStatus state={saver.state} restored={draft.restoredAt !== null} />
      </MutationForm>
    </section>
  );
}

function ConcealedReviewForm({ work, n, buildingId, userId }: { work: ConcealedWork; n: number; buildingId: string; userId: string }) {
  const t = useTranslations('concealed');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useMutation(trpc.inspections.reviewConcealed.mutationOptions({ networkMode: 'always' }));
  const owner = `concealed-review:${userId}:${work.id}`;
  const evidence = usePhotoEvidence(owner);

  const schema: z.ZodType<ReviewParsed, ReviewValues> = reviewConcealedWorkInput;
  const form = useForm<ReviewValues, unknown, ReviewParsed>({
    resolver: zodResolver(schema),
    defaultValues: { concealedWorkId: work.id, decision: undefined as unknown as ReviewValues['decision'], password: '' },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;

  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      const result = await review.mutateAsync({ ...values, photoIds });
      message.success(result.decision === 'ACCEPTED' ? t('acceptedDone') : t('rejectedDone'));
    },
    () => queryClient.invalidateQueries(trpc.inspections.pathFilter()),
  );

  return (
    <section aria-labelledby="concealed-review-title" className="bl-subform">
      <h3 id="concealed-review-title">{t('reviewTitle', { n })}</h3>
      <MutationForm label={t('reviewFormLabel')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('reviewHint', { location: work.location })}
        </p>
        <ReviewDecisionFields
          control={control}
          id="concealed"
          text={{ label: t('decisionLabel'), choose: t('chooseDecision'), accept: t('accept'), reject: t('reject'), reasons: t('reasons'), reasonsHelp: t('reasonsHelp'), remarks: t('remarks'), remarksHelp: t('remarksHelp') }}
        />
        <PhotoCapture owner={owner} buildingId={buildingId} onChange={evidence.onChange} />
        <TextField
          control={control}
          name="password"
          id="concealed-review-password"
          label={t('password')}
          required
          password
          size="large"
          autoComplete="current-password"
          help={t('reviewPasswordHint')}
        />
        <Button type="primary" htmlType="submit" size="large" block icon={<AuditOutlined aria-hidden />} loading={busy(isSubmitting)}>
          {t('reviewSubmit')}
        </Button>
      </MutationForm>
    </section>
  );
}
