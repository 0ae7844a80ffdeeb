'use client';

import { AuditOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Radio, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
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
import { useDates } from '@/app/(app)/_components/use-dates';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { chinaDate } from '@/server/dates';
import { BuildingHint } from '../building-hint';
import { SuspensionsSection } from './suspensions-section';
import { recordSupervisionInspectionInput, SUPERVISION_OUTCOMES, SUPERVISION_SCOPES } from '@/server/supervision/schemas';

type Data = RouterOutputs['supervision']['building'];
type Inspection = Data['inspections'][number];
type Values = z.input<typeof recordSupervisionInspectionInput>;
type Parsed = z.output<typeof recordSupervisionInspectionInput>;

const OUTCOME_COLOR: Record<Inspection['outcome'], string> = { NO_ISSUES: 'success', CORRECTED_ON_SITE: 'processing', RECTIFICATION_NOTICE: 'warning', SUSPENSION: 'error' };

export function SupervisionView({ userId, initialData }: { userId: string; initialData: Data }) {
  const t = useTranslations('supervision');
  const trpc = useTRPC();
  const buildingId = initialData.building.id;
  const { data = initialData } = useQuery(trpc.supervision.building.queryOptions({ buildingId }, { initialData }));
  const { building, inspections, permissions } = data;
  // Each recorded inspection starts a fresh form: a new idempotency key, no photos.
  const [generation, setGeneration] = useState(0);

  return (
    <>
      <PageHead
        title={t('title')}
        hint={<BuildingHint building={building} />}
      />
      <div className="bl-inspections">
        {permissions.canRecord && (
          <Card title={<h2 className="bl-card-title">{t('formTitle')}</h2>}>
            <InspectionForm key={generation} data={data} userId={userId} onRecorded={() => setGeneration((g) => g + 1)} />
          </Card>
        )}
        <SuspensionsSection buildingId={buildingId} />
        <section aria-labelledby="supervision-list-title">
          <Card title={<h2 id="supervision-list-title" className="bl-card-title">{t('listTitle')}</h2>} extra={<span className="bl-hint">{t('count', { count: inspections.length })}</span>}>
            {inspections.length === 0 ? (
              <Empty description={t('none')} />
            ) : (
              <div className="bl-records">
                {inspections.map((inspection) => (
                  <InspectionArticle key={inspection.id} inspection={inspection} />
                ))}
              </div>
            )}
          </Card>
        </section>
      </div>
    </>
  );
}

function InspectionArticle({ inspection }: { inspection: Inspection }) {
  const t = useTranslations('supervision');
  const tp = useTranslations('parties');
  const dates = useDates();
  const headingId = `supervision-${inspection.id}`;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t('recordTitle', { date: dates.day(inspection.inspectedOn) })}</span>
        <Tag color={OUTCOME_COLOR[inspection.outcome]} style={{ marginInlineEnd: 0 }}>
          {t(`outcomes.${inspection.outcome}`)}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('scopes')}</dt>
        <dd>{inspection.scopes.map((s) => t(`scopeNames.${s}`)).join('、')}</dd>
        <dt>{t('present')}</dt>
        <dd>
          {[...inspection.present.map((p) => `${tp(p.party)} ${p.name}${p.title ? `（${p.title}）` : ''}`), inspection.othersPresent].filter(Boolean).join('；')}
        </dd>
        <dt>{t('findings')}</dt>
        <dd className="bl-pre">{inspection.findings}</dd>
        <dt>{t('inspector')}</dt>
        <dd>{t('inspectorValue', { name: inspection.inspector.name, title: inspection.inspector.title, agency: inspection.agency })}</dd>
        <dt>{t('recordedAt')}</dt>
        <dd>{dates.time(inspection.recordedAt)}</dd>
        <dt>{t('contentSha256')}</dt>
        <dd>
          <code className="bl-hash">{inspection.contentSha256}</code>
        </dd>
      </dl>
    </article>
  );
}

function InspectionForm({ data, userId, onRecorded }: { data: Data; userId: string; onRecorded: () => void }) {
  const t = useTranslations('supervision');
  const tp = useTranslations('parties');
  const tl = useTranslations('partyLeaders');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Offline, fail at once with the network message rather than wait paused.
  const record = useMutation(trpc.supervision.recordInspection.mutationOptions({ networkMode: 'always' }));
  const buildingId = data.building.id;
  const owner = `supervision:${userId}:${buildingId}`;
  const evidence = usePhotoEvidence(owner);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<Parsed, Values> = recordSupervisionInspectionInput;
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      buildingId,
      inspectedOn: chinaDate(),
      scopes: [],
      presentMemberIds: [],
      othersPresent: '',
      findings: '',
      outcome: undefined,
      password: '',
      idempotencyKey,
    },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;

  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      await record.mutateAsync({ ...values, photoIds });
    },
    async () => {
      message.success(t('recorded'));
      await queryClient.invalidateQueries(trpc.supervision.pathFilter());
      onRecorded();
    },
  );

  const choice = (name: 'scopes' | 'presentMemberIds', id: string, label: string, options: { value: string; label: string }[], help?: string) => (
    <FormField id={id} label={<span id={`${id}-label`}>{label}</span>} required={name === 'scopes'} help={help} error={text.field(errors[name])}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <div id={id} role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy(id)}>
            <Checkbox.Group className="bl-choice-list" value={field.value} onChange={(values) => field.onChange(values)} options={options} />
          </div>
        )}
      />
    </FormField>
  );

  return (
    <MutationForm label={t('formTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('formHint')}
      </p>
      <TextField control={control} name="inspectedOn" id="supervision-date" label={t('inspectedOn')} required type="date" size="large" />
      {choice('scopes', 'supervision-scopes', t('scopes'), SUPERVISION_SCOPES.map((s) => ({ value: s, label: t(`scopeNames.${s}`) })))}
      {choice(
        'presentMemberIds',
        'supervision-present',
        t('present'),
        data.seats.map((s) => ({ value: s.id, label: `${tp(s.role)} · ${s.name}（${s.isLeader ? tl(s.role) : (s.title ?? t('staff'))}）` })),
        t('presentHelp'),
      )}
      <TextField control={control} name="othersPresent" id="supervision-others" label={t('othersPresent')} placeholder={t('othersPresentPlaceholder')} size="large" autoComplete="off" />
      <TextAreaField control={control} name="findings" id="supervision-findings" label={t('findings')} required placeholder={t('findingsPlaceholder')} />
      <FormField id="supervision-outcome" label={<span id="supervision-outcome-label">{t('outcome')}</span>} required error={text.field(errors.outcome)}>
        <Controller
          control={control}
          name="outcome"
          render={({ field }) => (
            <Radio.Group
              id="supervision-outcome"
              ref={field.ref}
              value={field.value}
              onChange={(event) => field.onChange(event.target.value)}
              className="bl-choice-list"
              aria-labelledby="supervision-outcome-label"
              aria-describedby={describedBy('supervision-outcome')}
              options={SUPERVISION_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
            />
          )}
        />
      </FormField>
      <PhotoCapture owner={owner} buildingId={buildingId} onChange={evidence.onChange} />
      <TextField control={control} name="password" id="supervision-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<AuditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('submit')}
      </Button>
    </MutationForm>
  );
}
