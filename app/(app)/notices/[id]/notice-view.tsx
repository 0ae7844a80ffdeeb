'use client';

import { ArrowLeftOutlined, AuditOutlined, SendOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { TextField } from '@/app/_components/text-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { DecisionField } from '@/app/(app)/_components/decision-field';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { PhotoCapture, useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';
import { useDates } from '@/app/(app)/_components/use-dates';
import { RECTIFICATION_DECISIONS, respondNoticeItemInput, verifyNoticeResponseInput } from '@/server/notices/schemas';
import { BuildingHint } from '../../buildings/[id]/building-hint';
import { NoticeStateTag } from '../../buildings/[id]/supervision/notices-section';
import { RecordPhotos } from '../../lots/[id]/record-photos';
import { SignedBy } from '../../lots/[id]/signed-by';

type Data = RouterOutputs['notices']['get'];
type Item = Data['items'][number];

const ITEM_STATE_COLOR: Record<Item['state'], string> = { AWAITING_RESPONSE: 'warning', RESPONDED: 'processing', VERIFIED: 'success' };

export function NoticeView({ userId, initialData }: { userId: string; initialData: Data }) {
  const t = useTranslations('notices');
  const tp = useTranslations('parties');
  const dates = useDates();
  const trpc = useTRPC();
  const noticeId = initialData.notice.id;
  const { data = initialData } = useQuery(trpc.notices.get.queryOptions({ noticeId }, { initialData }));
  const { notice, items, permissions } = data;

  return (
    <div className="bl-lot-page">
      <PageHead
        title={t('title', { number: notice.number })}
        hint={<BuildingHint building={notice.building} />}
        action={
          <Link href={`/buildings/${notice.building.id}/supervision`} className="bl-touch-link">
            <ArrowLeftOutlined aria-hidden /> {t('back')}
          </Link>
        }
      />
      <div className="bl-stack">
        <Card title={<h2 className="bl-card-title">{notice.number}</h2>} extra={<NoticeStateTag closed={notice.closed} overdueDays={notice.overdueDays} />}>
          <dl className="bl-facts" style={{ marginBottom: 0 }}>
            <dt>{t('party')}</dt>
            <dd>
              {tp(notice.partyRole)} {notice.partyOrganization}
            </dd>
            <dt>{t('basis')}</dt>
            <dd>{notice.basis}</dd>
            <dt>{t('issuedOn')}</dt>
            <dd>{dates.day(notice.issuedOn)}</dd>
            <dt>{t('deadline')}</dt>
            <dd>{dates.day(notice.deadline)}</dd>
            <dt>{t('issuedBy')}</dt>
            <dd>{t('issuedByValue', { name: notice.inspector.name, title: notice.inspector.title, agency: notice.agency })}</dd>
            {notice.supervisionInspectionId && (
              <>
                <dt>{t('fromInspection')}</dt>
                <dd>
                  <Link href={`/buildings/${notice.building.id}/supervision#supervision-${notice.supervisionInspectionId}`}>{t('fromInspectionLink')}</Link>
                </dd>
              </>
            )}
            <dt>{t('contentSha256')}</dt>
            <dd>
              <code className="bl-hash">{notice.contentSha256}</code>
            </dd>
          </dl>
        </Card>
        {items.map((item) => (
          <ItemCard key={item.id} item={item} buildingId={notice.building.id} userId={userId} permissions={permissions} />
        ))}
      </div>
    </div>
  );
}

function ItemCard({ item, buildingId, userId, permissions }: { item: Item; buildingId: string; userId: string; permissions: Data['permissions'] }) {
  const t = useTranslations('notices');
  const headingId = `notice-item-${item.position}`;
  const awaiting = item.responses.at(-1);
  const bound = [
    ...item.lots.map((l) => ({ id: l.id, href: `/lots/${l.id}`, label: `${l.name}（${l.location}）` })),
    ...item.concealedWorks.map((w) => ({ id: w.id, href: `/lots/${w.lotId}`, label: w.location })),
    ...item.receipts.map((r) => ({ id: r.id, href: `/buildings/${buildingId}/materials`, label: `${r.name} ${r.batchNo}` })),
    ...item.photos.map((p) => ({ id: p.id, href: `/api/photos/${p.id}`, label: `${p.sha256.slice(0, 12)}…` })),
  ];
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <h2 id={headingId} className="bl-card-title">
            {t('item', { n: item.position })}
          </h2>
        }
        extra={<Tag color={ITEM_STATE_COLOR[item.state]}>{t(`itemStates.${item.state}`)}</Tag>}
      >
        <dl className="bl-facts">
          <dt>{t('finding')}</dt>
          <dd className="bl-pre">{item.finding}</dd>
          <dt>{t('itemBasis')}</dt>
          <dd>{item.basis}</dd>
          <dt>{t('requiredAction')}</dt>
          <dd className="bl-pre">{item.requiredAction}</dd>
          {bound.length > 0 && (
            <>
              <dt>{t('boundRecords')}</dt>
              <dd>
                <ul className="bl-notice-list">
                  {bound.map((b) => (
                    <li key={b.id}>
                      <Link href={b.href}>{b.label}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
        {item.responses.map((response, index) => (
          <article key={response.id} className="bl-notice-response" aria-label={t('responseTitle', { n: index + 1 })}>
            <h3 className="bl-record-title">{t('responseTitle', { n: index + 1 })}</h3>
            <dl className="bl-facts">
              <dt>{t('actionTaken')}</dt>
              <dd className="bl-pre">{response.actionTaken}</dd>
              <dt>{t('respondedBy')}</dt>
              <dd>
                <SignedBy by={response.respondedBy} />
              </dd>
            </dl>
            <RecordPhotos photos={response.photos} label={t('responsePhotos')} />
            {response.verification && (
              <dl className="bl-facts">
                <dt>{t('decision')}</dt>
                <dd>
                  <Tag color={response.verification.decision === 'VERIFIED' ? 'success' : 'error'}>{t(`decisions.${response.verification.decision}`)}</Tag>
                </dd>
                {response.verification.reason && (
                  <>
                    <dt>{response.verification.decision === 'RETURNED' ? t('reason') : t('remarks')}</dt>
                    <dd className="bl-pre">{response.verification.reason}</dd>
                  </>
                )}
                <dt>{t('verifiedBy')}</dt>
                <dd>
                  <SignedBy by={response.verification.verifiedBy} />
                </dd>
              </dl>
            )}
          </article>
        ))}
        {permissions.canRespond && item.state === 'AWAITING_RESPONSE' && <RespondForm key={awaiting?.id ?? 'first'} item={item} buildingId={buildingId} userId={userId} />}
        {permissions.canVerify && item.state === 'RESPONDED' && awaiting && <VerifyForm key={awaiting.id} item={item} responseId={awaiting.id} />}
      </Card>
    </section>
  );
}

// The photos come from PhotoCapture; the form holds them so the schema can ask for one.
type RespondValues = z.input<typeof respondNoticeItemInput>;
type RespondParsed = z.output<typeof respondNoticeItemInput>;

/** The addressed party's 项目负责人 answers one open item: what was done, new photos, the password. */
function RespondForm({ item, buildingId, userId }: { item: Item; buildingId: string; userId: string }) {
  const t = useTranslations('notices');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const respond = useMutation(trpc.notices.respond.mutationOptions({ networkMode: 'always' }));
  const owner = `notice-response:${userId}:${item.id}:${item.responses.length}`;
  const evidence = usePhotoEvidence(owner);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<RespondParsed, RespondValues> = respondNoticeItemInput;
  const form = useForm<RespondValues, unknown, RespondParsed>({
    resolver: zodResolver(schema),
    defaultValues: { itemId: item.id, actionTaken: '', photoIds: [], password: '', idempotencyKey },
  });
  const { control, setValue } = form;
  const { errors, isSubmitting } = form.formState;
  const { photoIds } = evidence;
  useEffect(() => setValue('photoIds', photoIds, { shouldValidate: form.formState.isSubmitted }), [photoIds, setValue, form.formState.isSubmitted]);

  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, confirmed) => {
      await respond.mutateAsync({ ...values, photoIds: confirmed });
    },
    async () => {
      message.success(t('responded'));
      await queryClient.invalidateQueries(trpc.notices.pathFilter());
    },
  );
  const id = `respond-${item.position}`;
  return (
    <MutationForm label={t('respondTitle', { n: item.position })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h3 className="bl-record-title" style={{ marginTop: 16 }}>
        {t('respondTitle', { n: item.position })}
      </h3>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('respondHint')}
      </p>
      <TextAreaField control={control} name="actionTaken" id={`${id}-action`} label={t('actionTaken')} required placeholder={t('actionTakenPlaceholder')} />
      <PhotoCapture owner={owner} buildingId={buildingId} onChange={evidence.onChange} />
      {errors.photoIds && (
        <p role="alert" style={{ color: '#cf1322' }}>
          {text.field(errors.photoIds)}
        </p>
      )}
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<SendOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('respondSubmit')}
      </Button>
    </MutationForm>
  );
}

type VerifyValues = z.input<typeof verifyNoticeResponseInput>;
type VerifyParsed = z.output<typeof verifyNoticeResponseInput>;

/** The inspector verifies the item's latest answer, or returns it with the reason. */
function VerifyForm({ item, responseId }: { item: Item; responseId: string }) {
  const t = useTranslations('notices');
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const applyServerError = useApplyServerError();
  const verify = useMutation(trpc.notices.verify.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const schema: z.ZodType<VerifyParsed, VerifyValues> = verifyNoticeResponseInput;
  const form = useForm<VerifyValues, unknown, VerifyParsed>({
    resolver: zodResolver(schema),
    defaultValues: { responseId, decision: undefined, reason: '', password: '', idempotencyKey },
  });
  const { control } = form;
  const { errors, isSubmitting } = form.formState;
  const returning = useWatch({ control, name: 'decision' }) === 'RETURNED';

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await verify.mutateAsync(values);
    } catch (error) {
      applyServerError(form, error);
      return;
    }
    message.success(t('verified'));
    await queryClient.invalidateQueries(trpc.notices.pathFilter());
  });
  const id = `verify-${item.position}`;
  return (
    <MutationForm label={t('verifyTitle', { n: item.position })} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      <h3 className="bl-record-title" style={{ marginTop: 16 }}>
        {t('verifyTitle', { n: item.position })}
      </h3>
      <DecisionField
        control={control}
        name="decision"
        id={`${id}-decision`}
        label={t('decision')}
        chooseText={t('chooseDecision')}
        options={RECTIFICATION_DECISIONS.map((d) => ({ value: d, label: t(`decisions.${d}`) }))}
      />
      <TextAreaField control={control} name="reason" id={`${id}-reason`} label={returning ? t('reason') : t('remarks')} required={returning} help={returning ? t('reasonHelp') : t('remarksHelp')} />
      <TextField control={control} name="password" id={`${id}-password`} label={t('password')} required password size="large" autoComplete="current-password" help={t('passwordHint')} />
      <Button type="primary" htmlType="submit" size="large" block icon={<AuditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('verifySubmit')}
      </Button>
    </MutationForm>
  );
}
