'use client';

import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Radio, Select, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField } from '@/app/_components/form-field';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { useScopeText } from '@/app/(app)/_components/suspension-alert';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { CATALOG } from '@/server/inspections/catalog';
import { orderSuspensionInput, OWNER_CONSENTS, resumeWorkInput, type SuspensionIssuer } from '@/server/suspensions/schemas';

type Data = RouterOutputs['suspensions']['building'];
type Suspension = Data['suspensions'][number];

/**
 * 暂停施工与复工 on the building's 质量监督 page (supervision.md §4): the orders in force and those
 * lifted; the inspector's (or 总监's) form to order one, and the 复工 of an order in their capacity.
 */
export function SuspensionsSection({ buildingId }: { buildingId: string }) {
  const t = useTranslations('suspensions');
  const trpc = useTRPC();
  const { data } = useQuery(trpc.suspensions.building.queryOptions({ buildingId }));
  // Each signed order starts a fresh form with a new idempotency key.
  const [generation, setGeneration] = useState(0);
  if (!data) return null;
  const { suspensions, permissions } = data;
  const issuers: SuspensionIssuer[] = [...(permissions.asInspector ? ['INSPECTOR' as const] : []), ...(permissions.asChiefSupervisor ? ['CHIEF_SUPERVISOR' as const] : [])];
  const canLift = (s: Suspension) => issuers.includes(s.issuer);
  const active = suspensions.filter((s) => !s.resumeOrder);
  const lifted = suspensions.filter((s) => s.resumeOrder);

  return (
    <section id="suspensions" aria-labelledby="suspensions-title" className="bl-stack">
      <Card title={<h2 id="suspensions-title" className="bl-card-title">{t('activeTitle')}</h2>}>
        {active.length === 0 ? (
          <Empty description={t('none')} />
        ) : (
          <div className="bl-records">
            {active.map((s) => (
              <SuspensionArticle key={s.id} suspension={s}>
                {canLift(s) && <ResumeForm suspension={s} />}
              </SuspensionArticle>
            ))}
          </div>
        )}
      </Card>
      {issuers.length > 0 && (
        <Card title={<h2 className="bl-card-title">{t('orderTitle')}</h2>}>
          <OrderForm key={generation} buildingId={buildingId} issuers={issuers} onOrdered={() => setGeneration((g) => g + 1)} />
        </Card>
      )}
      <Card title={<h2 className="bl-card-title">{t('liftedTitle')}</h2>}>
        {lifted.length === 0 ? (
          <Empty description={t('noneLifted')} />
        ) : (
          <div className="bl-records">
            {lifted.map((s) => (
              <SuspensionArticle key={s.id} suspension={s} />
            ))}
          </div>
        )}
      </Card>
    </section>
  );
}

function SuspensionArticle({ suspension: s, children }: { suspension: Suspension; children?: React.ReactNode }) {
  const t = useTranslations('suspensions');
  const dates = useDates();
  const scopeText = useScopeText();
  const headingId = `suspension-${s.id}`;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t(`issuers.${s.issuer}`)}</span>
        <Tag color={s.resumeOrder ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
          {s.resumeOrder ? t('liftedTitle') : t('activeTitle')}
        </Tag>
      </h3>
      <dl className="bl-facts">
        <dt>{t('scope')}</dt>
        <dd>{scopeText(s)}</dd>
        <dt>{t('reason')}</dt>
        <dd className="bl-pre">{s.reason}</dd>
        <dt>{t('basis')}</dt>
        <dd>{s.basis}</dd>
        {s.ownerConsent && (
          <>
            <dt>{t('ownerConsent')}</dt>
            <dd>
              {t(`ownerConsents.${s.ownerConsent}`)}：{s.ownerConsentNote}
            </dd>
          </>
        )}
        <dt>{t('issuedBy')}</dt>
        <dd>{t('signedValue', { name: s.issuedBy.name, title: s.agency ? `${s.issuedBy.title}，${s.agency}` : s.issuedBy.title })}</dd>
        <dt>{t('issuedAt')}</dt>
        <dd>{dates.time(s.issuedAt)}</dd>
        <dt>{t('contentSha256')}</dt>
        <dd>
          <code className="bl-hash">{s.contentSha256}</code>
        </dd>
        {s.resumeOrder && (
          <>
            <dt>{t(`findings${s.issuer}`)}</dt>
            <dd className="bl-pre">{s.resumeOrder.findings}</dd>
            {s.resumeOrder.ownerApproval && (
              <>
                <dt>{t('ownerApproval')}</dt>
                <dd>{s.resumeOrder.ownerApproval}</dd>
              </>
            )}
            <dt>{t('resumedBy')}</dt>
            <dd>{t('signedValue', { name: s.resumeOrder.issuedBy.name, title: s.resumeOrder.issuedBy.title })}</dd>
            <dt>{t('resumedAt')}</dt>
            <dd>{dates.time(s.resumeOrder.issuedAt)}</dd>
          </>
        )}
      </dl>
      {children}
    </article>
  );
}

/** After an order or a 复工: the lists, the alerts and the lots' 暂停施工 all read it again. */
function useRefreshSuspended() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([trpc.suspensions, trpc.inspections, trpc.projects].map((router) => queryClient.invalidateQueries(router.pathFilter())));
}

/** 分部 and their 子分部 as options: choosing a 分部 stops all of it. */
const SCOPE_OPTIONS = CATALOG.map((d) => ({
  label: `${d.code} ${d.name}`,
  options: [{ value: d.code, label: `${d.code} ${d.name}` }, ...d.subdivisions.map((s) => ({ value: s.code, label: `${s.code} ${d.name} · ${s.name}` }))],
}));

type OrderValues = z.input<typeof orderSuspensionInput>;
type OrderParsed = z.output<typeof orderSuspensionInput>;

function OrderForm({ buildingId, issuers, onOrdered }: { buildingId: string; issuers: SuspensionIssuer[]; onOrdered: () => void }) {
  const t = useTranslations('suspensions');
  const text = useErrorText();
  const applyServerError = useApplyServerError();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshSuspended();
  const order = useMutation(trpc.suspensions.order.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<OrderParsed, OrderValues> = orderSuspensionInput;
  const form = useForm<OrderValues, unknown, OrderParsed>({
    resolver: zodResolver(schema),
    defaultValues: { buildingId, issuer: issuers[0], wholeBuilding: false, scopeCodes: [], reason: '', basis: '', ownerConsentNote: '', password: '', idempotencyKey },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const issuer = useWatch({ control, name: 'issuer' });
  const wholeBuilding = useWatch({ control, name: 'wholeBuilding' });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await order.mutateAsync(values);
    } catch (error) {
      applyServerError(form, error);
      return;
    }
    message.success(t('ordered'));
    await refresh();
    onOrdered();
  });

  return (
    <MutationForm label={t('orderTitle')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      {issuers.length > 1 && (
        <FormField id="suspension-issuer" label={<span id="suspension-issuer-label">{t('issuer')}</span>} required>
          <Controller
            control={control}
            name="issuer"
            render={({ field }) => (
              <Radio.Group id="suspension-issuer" value={field.value} onChange={(e) => field.onChange(e.target.value)} className="bl-choice-list" aria-labelledby="suspension-issuer-label" options={issuers.map((i) => ({ value: i, label: t(`issuers.${i}`) }))} />
            )}
          />
        </FormField>
      )}
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t(`orderHint${issuer}`)}
      </p>
      <Controller
        control={control}
        name="wholeBuilding"
        render={({ field }) => (
          <Checkbox id="suspension-whole" checked={field.value} onChange={(e) => field.onChange(e.target.checked)} style={{ marginBottom: 12 }}>
            {t('wholeBuilding')}
          </Checkbox>
        )}
      />
      {!wholeBuilding && (
        <FormField id="suspension-scope" label={t('scopeCodes')} required help={t('scopeHelp')} error={text.field(errors.scopeCodes)}>
          <Controller
            control={control}
            name="scopeCodes"
            render={({ field }) => (
              <Select
                id="suspension-scope"
                mode="multiple"
                size="large"
                value={field.value}
                onChange={(codes) => field.onChange(codes)}
                options={SCOPE_OPTIONS}
                optionFilterProp="label"
                aria-describedby={describedBy('suspension-scope')}
                style={{ width: '100%' }}
              />
            )}
          />
        </FormField>
      )}
      <TextAreaField control={control} name="reason" id="suspension-reason" label={t('reason')} required placeholder={t('reasonPlaceholder')} />
      <TextField control={control} name="basis" id="suspension-basis" label={t('basis')} required placeholder={t('basisPlaceholder')} size="large" autoComplete="off" />
      {issuer === 'CHIEF_SUPERVISOR' && (
        <>
          <FormField id="suspension-consent" label={<span id="suspension-consent-label">{t('ownerConsent')}</span>} required error={text.field(errors.ownerConsent)}>
            <Controller
              control={control}
              name="ownerConsent"
              render={({ field }) => (
                <Radio.Group
                  id="suspension-consent"
                  value={field.value}
                  onChange={(e) => field.onChange(e.target.value)}
                  className="bl-choice-list"
                  aria-labelledby="suspension-consent-label"
                  aria-describedby={describedBy('suspension-consent')}
                  options={OWNER_CONSENTS.map((c) => ({ value: c, label: t(`ownerConsents.${c}`) }))}
                />
              )}
            />
          </FormField>
          <TextField control={control} name="ownerConsentNote" id="suspension-consent-note" label={t('ownerConsentNote')} required placeholder={t('ownerConsentNotePlaceholder')} size="large" autoComplete="off" />
        </>
      )}
      <TextField control={control} name="password" id="suspension-password" label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" danger htmlType="submit" size="large" block icon={<PauseCircleOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('submitOrder')}
      </Button>
    </MutationForm>
  );
}

type ResumeValues = z.input<typeof resumeWorkInput>;
type ResumeParsed = z.output<typeof resumeWorkInput>;

/** 复工 of one order, in the capacity that ordered it: after 复查 (inspector), or the 复工令 naming the 建设单位's approval (总监). */
function ResumeForm({ suspension }: { suspension: Suspension }) {
  const t = useTranslations('suspensions');
  const applyServerError = useApplyServerError();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const refresh = useRefreshSuspended();
  const resume = useMutation(trpc.suspensions.resume.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<ResumeParsed, ResumeValues> = resumeWorkInput;
  const form = useForm<ResumeValues, unknown, ResumeParsed>({
    resolver: zodResolver(schema),
    defaultValues: { suspensionId: suspension.id, findings: '', ownerApproval: '', password: '', idempotencyKey },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const id = `resume-${suspension.id}`;
  const title = t(`resumeTitle${suspension.issuer}`);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await resume.mutateAsync(values);
    } catch (error) {
      applyServerError(form, error);
      return;
    }
    message.success(t('resumed'));
    await refresh();
  });

  return (
    <MutationForm label={title} onSubmit={onSubmit} serverError={errors.root?.server?.message} style={{ marginTop: 12 }}>
      <h4 className="bl-subdivision-title">{title}</h4>
      <TextAreaField control={control} name="findings" id={`${id}-findings`} label={t(`findings${suspension.issuer}`)} required placeholder={t('findingsPlaceholder')} />
      {suspension.issuer === 'CHIEF_SUPERVISOR' && (
        <TextField control={control} name="ownerApproval" id={`${id}-approval`} label={t('ownerApproval')} required placeholder={t('ownerApprovalPlaceholder')} size="large" autoComplete="off" />
      )}
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<PlayCircleOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('submitResume')}
      </Button>
    </MutationForm>
  );
}
