'use client';

import { AuditOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { useTRPC } from '@/app/_trpc/client';
import { ReviewDecisionFields } from '@/app/(app)/_components/decision-field';
import { newIdempotencyKey } from '@/app/(app)/_components/draft-store';
import { PhotoCapture, useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { lotVerdict } from '@/server/inspections/acceptance';
import { reviewRecordInput } from '@/server/inspections/schemas';
import type { LotRecord } from './lot-view';
import { useProblemText } from './lot-status';
import type { RecordContent } from './self-check-draft';

type Values = z.input<typeof reviewRecordInput>;
type Parsed = z.output<typeof reviewRecordInput>;

/**
 * 监理验收 (GB 55032 4.3.1): the 专业监理工程师 reads the computed verdict, accepts (only a
 * record whose verdict passes) or rejects with reasons, with photos taken on site, and signs
 * with the password. One idempotency key per attempt: a retry after a lost answer replays,
 * never signs twice.
 */
export function ReviewForm({ record, buildingId, userId }: { record: LotRecord; buildingId: string; userId: string }) {
  const t = useTranslations('review');
  const tl = useTranslations('lot');
  const problems = useProblemText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Offline, fail at once with the network message rather than wait paused (see self-check-form.tsx).
  const review = useMutation(trpc.inspections.review.mutationOptions({ networkMode: 'always' }));
  const [idempotencyKey] = useState(newIdempotencyKey);
  // What the 监理 saw on site: photos queued on the phone until the server confirms them.
  const owner = `review:${userId}:${record.id}`;
  const evidence = usePhotoEvidence(owner);

  const verdict = lotVerdict(record.content as RecordContent);
  const canAccept = verdict.verdict === 'PASS' && record.verdict === 'PASS';
  const failing = verdict.items.map((v, i) => ({ v, n: i + 1 })).filter(({ v }) => !v.pass);

  const schema: z.ZodType<Parsed, Values> = reviewRecordInput;
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: { recordId: record.id, decision: canAccept ? (undefined as unknown as Values['decision']) : 'REJECTED', password: '', idempotencyKey },
  });
  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      const result = await review.mutateAsync({ ...values, photoIds });
      message.success(result.decision === 'ACCEPTED' ? t('accepted') : t('rejected'));
    },
    () => queryClient.invalidateQueries(trpc.inspections.pathFilter()),
  );
  const { errors, isSubmitting } = form.formState;

  return (
    <section aria-labelledby="review-title">
      <Card title={<h2 id="review-title" className="bl-card-title">{t('title')}</h2>}>
        <MutationForm label={t('title')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('hint')}
          </p>
          <div className={`bl-verdict ${verdict.verdict === 'PASS' ? 'bl-verdict-pass' : 'bl-verdict-fail'}`}>
            <h3>{t('computedVerdict')}</h3>
            <p style={{ margin: 0 }}>
              <Tag color={verdict.verdict === 'PASS' ? 'success' : 'error'}>{tl(`verdict.${verdict.verdict}`)}</Tag>
              {verdict.verdict === 'PASS' ? t('verdictPass') : t('verdictFail')}
            </p>
            {verdict.verdict !== 'PASS' && (
              <ul className="bl-verdict-problems">
                {verdict.problems.map((p) => (
                  <li key={p}>{problems.lot(p)}</li>
                ))}
                {failing.map(({ v, n }) => (
                  <li key={n}>{t('itemProblems', { n, problems: v.problems.map((p) => problems.item(p)).join('、') })}</li>
                ))}
              </ul>
            )}
          </div>

          <ReviewDecisionFields
            control={form.control}
            id="review"
            acceptDisabled={canAccept ? undefined : t('acceptDisabled')}
            text={{ label: t('decision'), choose: t('chooseDecision'), accept: t('accept'), reject: t('reject'), reasons: t('reasons'), reasonsHelp: t('reasonsHelp'), remarks: t('remarks'), remarksHelp: t('remarksHelp') }}
          />

          <PhotoCapture owner={owner} buildingId={buildingId} onChange={evidence.onChange} />

          <TextField
            control={form.control}
            name="password"
            id="review-password"
            label={t('password')}
            required
            password
            size="large"
            autoComplete="current-password"
            help={t('passwordHint')}
          />
          <Button type="primary" htmlType="submit" size="large" block icon={<AuditOutlined aria-hidden />} loading={busy(isSubmitting)}>
            {t('submit')}
          </Button>
        </MutationForm>
      </Card>
    </section>
  );
}
