'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Radio, Tag, Timeline } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { PhotoCapture, useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { RecordPhotos } from '@/app/(app)/lots/[id]/record-photos';
import { claimStepInput } from '@/server/warranty/schemas';

type Claim = RouterOutputs['warranty']['claim'];

export function ClaimView({ userId, initialData }: { userId: string; initialData: Claim }) {
  const t = useTranslations('warranty');
  const dates = useDates();
  const trpc = useTRPC();
  const { data: claim = initialData } = useQuery(trpc.warranty.claim.queryOptions({ claimId: initialData.id }, { initialData }));
  // Each step starts a fresh form with a new idempotency key and no photos.
  const [generation, setGeneration] = useState(0);
  return (
    <>
      <PageHead title={t('claimTitle', { unit: claim.unit, location: claim.location })} hint={`${claim.building.name} · ${t(`categories.${claim.category}`)}`} />
      <div className="bl-inspections">
        <Card title={<h2 className="bl-card-title">{t('claimFacts')}</h2>} extra={<Tag>{t(`states.${claim.state}`)}</Tag>}>
          {claim.inWarranty === false ? (
            <Alert type="warning" showIcon title={t('judgedOut', { date: dates.day(claim.coveredUntil!) })} style={{ marginBottom: 12 }} />
          ) : (
            <Alert type="success" showIcon title={claim.coveredUntil ? t('judgedIn', { date: dates.day(claim.coveredUntil), contractor: claim.responsible ?? '—' }) : t('judgedAgreed', { contractor: claim.responsible ?? '—' })} style={{ marginBottom: 12 }} />
          )}
          {claim.overdue && <Alert type="error" showIcon role="alert" title={t('overdueAlert', { hours: claim.overdueHours })} style={{ marginBottom: 12 }} />}
          <dl className="bl-facts">
            <dt>{t('location')}</dt>
            <dd>{claim.location}</dd>
            <dt>{t('description')}</dt>
            <dd className="bl-pre">{claim.description}</dd>
            <dt>{t('filedBy')}</dt>
            <dd>
              {claim.filedBy.name}
              {claim.filedBy.phone && ` · ${claim.filedBy.phone}`} · {dates.time(claim.filedAt)}
            </dd>
            {claim.emergency && (
              <>
                <dt>{t('emergency')}</dt>
                <dd>{t('emergencyLabel')}</dd>
              </>
            )}
            {claim.dueAt && (
              <>
                <dt>{t('dueAt')}</dt>
                <dd>{dates.time(claim.dueAt)}</dd>
              </>
            )}
          </dl>
          <RecordPhotos photos={claim.photos} />
        </Card>
        <Card title={<h2 className="bl-card-title">{t('stepsTitle')}</h2>}>
          {claim.steps.length === 0 ? (
            <Empty description={t('noSteps')} />
          ) : (
            <Timeline
              items={claim.steps.map((s) => ({
                key: s.id,
                content: (
                  <div>
                    <strong>{t(`steps.${s.kind}`)}</strong>{' '}
                    <span className="bl-hint">
                      {t(`actors.${s.actorRole as 'HOMEOWNER'}`)}
                      {s.actorName && ` ${s.actorName}`} · {dates.time(s.at)}
                    </span>
                    {s.visitAt && <div>{t('visitAtValue', { time: dates.time(s.visitAt) })}</div>}
                    {s.text && <div className="bl-pre">{s.text.startsWith('OUT_OF_WARRANTY:') ? t('outOfWarrantyAnswer', { date: dates.day(s.text.slice('OUT_OF_WARRANTY:'.length)) }) : s.text}</div>}
                    <RecordPhotos photos={s.photos} />
                  </div>
                ),
              }))}
            />
          )}
          {claim.allowedSteps.length > 0 && <StepForm key={generation} userId={userId} claim={claim} onDone={() => setGeneration((g) => g + 1)} />}
        </Card>
        <Card title={<h2 className="bl-card-title">{t('evidenceTitle')}</h2>}>
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('evidenceHint')}
          </p>
          {claim.evidence.length === 0 ? (
            <Empty description={t('noEvidence')} />
          ) : (
            <ul className="bl-buildings" aria-label={t('evidenceTitle')}>
              {claim.evidence.map((lot) => (
                <li key={lot.lotId} style={{ display: 'block' }}>
                  <Link href={`/lots/${lot.lotId}`} className="bl-building-name">
                    {lot.name}
                  </Link>{' '}
                  <span className="bl-hint">
                    {lot.itemName} · {lot.location}
                  </span>
                  <div>
                    <Tag color="success">{t('lotAccepted')}</Tag>
                    {t('evidencePhotos', { selfCheck: lot.selfCheckPhotos.length, concealed: lot.concealedPhotos.length })}
                  </div>
                  <EvidenceThumbs ids={[...lot.concealedPhotos, ...lot.selfCheckPhotos]} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function EvidenceThumbs({ ids }: { ids: string[] }) {
  const t = useTranslations('photos');
  if (ids.length === 0) return null;
  return (
    <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', marginTop: 4 }}>
      {ids.slice(0, 6).map((id) => (
        <a key={id} href={`/api/photos/${id}`} target="_blank" rel="noreferrer">
          {/* A plain img: an authorized API thumbnail, nothing for next/image to optimize. */}
          <img src={`/api/photos/${id}?size=thumb`} alt={t('title')} width={56} height={56} className="bl-photo-thumb" />
        </a>
      ))}
    </div>
  );
}

type Values = z.input<typeof claimStepInput>;
type Parsed = z.output<typeof claimStepInput>;

/** The next step this user may take: the kinds offered are those the server allows them now. */
function StepForm({ userId, claim, onDone }: { userId: string; claim: Claim; onDone: () => void }) {
  const t = useTranslations('warranty');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.warranty.addStep.mutationOptions({ networkMode: 'always' }));
  const owner = `claim-step:${userId}:${claim.id}`;
  const evidence = usePhotoEvidence(owner);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<Parsed, Values> = claimStepInput;
  const form = useForm<Values, unknown, Parsed>({ resolver: zodResolver(schema), defaultValues: { claimId: claim.id, kind: claim.allowedSteps[0], text: '', idempotencyKey } });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const kind = useWatch({ control, name: 'kind' });
  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      // A local datetime from the picker, sent with its offset.
      const visitAt = values.visitAt ? new Date(values.visitAt).toISOString() : undefined;
      await add.mutateAsync({ ...values, visitAt, photoIds });
    },
    async () => {
      message.success(t('stepSaved'));
      await queryClient.invalidateQueries(trpc.warranty.pathFilter());
      onDone();
    },
  );
  return (
    <MutationForm label={t('nextStep')} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 16 }}>
      <FormField id="step-kind" label={<span id="step-kind-label">{t('nextStep')}</span>} required error={text.field(errors.kind)}>
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Radio.Group
              id="step-kind"
              value={field.value}
              onChange={(e) => field.onChange(e.target.value)}
              className="bl-choice-list"
              aria-labelledby="step-kind-label"
              aria-describedby={describedBy('step-kind')}
              options={claim.allowedSteps.map((k) => ({ value: k, label: t(`actions.${k}`) }))}
            />
          )}
        />
      </FormField>
      {kind === 'VISIT_SCHEDULED' && <TextField control={control} name="visitAt" id="step-visit-at" label={t('visitAt')} required type="datetime-local" size="large" />}
      <TextAreaField control={control} name="text" id="step-text" label={t('stepText')} required={kind !== 'ACKNOWLEDGED' && kind !== 'VISIT_SCHEDULED' && kind !== 'CONFIRMED'} placeholder={t(`stepPlaceholders.${kind}`)} />
      {(kind === 'REPAIRED' || kind === 'REOPENED' || kind === 'MESSAGE') && <PhotoCapture owner={owner} buildingId={claim.building.id} onChange={evidence.onChange} />}
      <Button type="primary" htmlType="submit" size="large" block loading={busy(isSubmitting)}>
        {t('submitStep')}
      </Button>
    </MutationForm>
  );
}
