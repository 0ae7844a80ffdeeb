'use client';

import { DeleteOutlined, DisconnectOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Popconfirm, Radio, Skeleton, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { parseServerError, useErrorText } from '@/app/_components/use-error-text';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { useTRPC } from '@/app/_trpc/client';
import { deleteDraft } from '@/app/(app)/_components/draft-store';
import { useDraft, useFormDraft } from '@/app/(app)/_components/form-draft';
import { CoercedTextField } from '@/app/(app)/_components/fields';
import { lotVerdict, type LotVerdict } from '@/server/inspections/acceptance';
import { useDates } from '../../_components/use-dates';
import { PhotoCapture, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import { MaterialPicker } from './material-picker';
import { DraftRestoredAlert, DraftSaveStatus, DraftStorageAlerts } from './draft-notices';
import { useProblemText } from './lot-status';
import {
  emptyItem,
  initialDraft,
  selfCheckDraftKey,
  selfCheckForm,
  typedItems,
  type RecordContent,
  type SelfCheckDraftValues,
  type SelfCheckValues,
} from './self-check-draft';
import { TextAreaField } from '@/app/(app)/_components/text-area-field';

type Parsed = z.output<typeof selfCheckForm>;

/**
 * The 施工单位's self-check of the lot, phone first. What is typed is kept on the device as
 * it is typed (IndexedDB, draft-store.ts) and comes back after a reload; the draft carries
 * the submission's idempotency key, so a retry after a dropped connection cannot make a
 * second record. The draft is cleared only once the server has confirmed the record.
 */
export function SelfCheckSection({
  lotId,
  buildingId,
  userId,
  capacity,
  rejected,
  delivered,
  onSubmitted,
}: {
  lotId: string;
  buildingId: string;
  userId: string;
  capacity: number;
  /** The rejected record, when this is a rework: the new record starts from its items. */
  rejected: RecordContent | null;
  /** The record the server holds for a draft's idempotency key (a draft of the rejected record is spent) */
  delivered: (idempotencyKey: string) => string | null;
  onSubmitted: (recordId: string) => void;
}) {
  const t = useTranslations('selfCheck');
  const draftKey = selfCheckDraftKey(userId, lotId);
  // Every discard starts a fresh form, with a fresh idempotency key made once for it.
  const { state, generation, idempotencyKey, reset } = useDraft<SelfCheckDraftValues>(draftKey, delivered);

  return (
    <section aria-labelledby="self-check-title">
      <Card title={<h2 id="self-check-title" className="bl-card-title">{rejected ? t('reworkTitle') : t('title')}</h2>}>
        {!state.loaded ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <SelfCheckForm
            key={generation}
            lotId={lotId}
            buildingId={buildingId}
            draftKey={draftKey}
            storage={state.storage}
            initial={state.draft?.values ?? initialDraft(capacity, rejected)}
            idempotencyKey={idempotencyKey}
            restoredAt={state.draft?.savedAt ?? null}
            prefilled={rejected !== null && state.draft === null}
            capacity={capacity}
            onDiscard={reset}
            onSubmitted={onSubmitted}
          />
        )}
      </Card>
    </section>
  );
}

function SelfCheckForm({
  lotId,
  buildingId,
  draftKey,
  storage,
  initial,
  idempotencyKey,
  restoredAt,
  prefilled,
  capacity,
  onDiscard,
  onSubmitted,
}: {
  lotId: string;
  buildingId: string;
  draftKey: string;
  storage: boolean;
  initial: SelfCheckDraftValues;
  idempotencyKey: string;
  restoredAt: number | null;
  prefilled: boolean;
  capacity: number;
  onDiscard: () => Promise<void>;
  onSubmitted: (recordId: string) => void;
}) {
  const t = useTranslations('selfCheck');
  const te = useTranslations('errors');
  const text = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // networkMode 'always': offline, the request fails at once (and says so) instead of waiting
  // paused in React Query to be sent later, unseen, with the password still in memory.
  const submit = useMutation(trpc.inspections.submit.mutationOptions({ networkMode: 'always' }));
  const applyServerError = useApplyServerError();
  const [networkFailed, setNetworkFailed] = useState(false);
  // Photos are their own queue (photo-queue.ts); the record names those the server has confirmed.
  const evidence = usePhotoEvidence(draftKey);
  const verdictRef = useRef<HTMLElement>(null);

  const schema: z.ZodType<Parsed, SelfCheckValues> = selfCheckForm;
  const form = useForm<SelfCheckValues, unknown, Parsed>({
    resolver: zodResolver(schema),
    // A draft saved before materials were named has no receiptIds: none chosen.
    defaultValues: { receiptIds: [], ...initial, lotId, password: '', idempotencyKey },
  });
  const { control } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  const { errors, isSubmitting } = form.formState;

  const saver = useFormDraft(form, draftKey, idempotencyKey, storage);

  const [items, constructionBasis, acceptanceBasis] = useWatch({ control, name: ['items', 'constructionBasis', 'acceptanceBasis'] });
  const verdict = useMemo(
    () => lotVerdict({ items: typedItems(items), constructionBasis: constructionBasis ?? '', acceptanceBasis: acceptanceBasis ?? '' }),
    [items, constructionBasis, acceptanceBasis],
  );
  // The "does not pass" error goes once the verdict passes.
  useEffect(() => {
    if (verdict.verdict === 'PASS') form.clearErrors('items');
  }, [verdict.verdict, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setNetworkFailed(false);
    if (lotVerdict(values).verdict !== 'PASS') {
      form.setError('items', { type: 'server', message: te('SELF_CHECK_FAILED') });
      verdictRef.current?.focus();
      return;
    }
    if (evidence.blocker) {
      form.setError('root.server', { type: 'server', message: evidence.blocker });
      return;
    }
    // The draft (with its key) is on the device before the request leaves.
    await saver.flush();
    try {
      const result = await submit.mutateAsync({ ...values, photoIds: evidence.photoIds });
      saver.stop();
      await deleteDraft(draftKey).catch(() => undefined);
      await evidence.forget();
      onSubmitted(result.id);
      await queryClient.invalidateQueries(trpc.inspections.pathFilter());
    } catch (error) {
      if (parseServerError(error, text.knownCodes).code === 'NETWORK') {
        setNetworkFailed(true);
        return;
      }
      applyServerError(form, error);
    }
  });

  const itemsErrors = errors.items as unknown as { type?: string; message?: string; root?: { type?: string; message?: string } } | undefined;
  const itemsError =
    text.field(itemsErrors?.root) ?? (typeof itemsErrors?.message === 'string' ? text.field({ type: itemsErrors.type, message: itemsErrors.message }) : undefined);

  return (
    <MutationForm label={t('formLabel')} onSubmit={onSubmit} serverError={errors.root?.server?.message}>
      {restoredAt !== null && (
        <DraftRestoredAlert
          savedAt={restoredAt}
          onDiscard={async () => {
            // No late write of this form may bring the discarded draft back.
            saver.stop();
            await onDiscard();
          }}
        />
      )}
      {prefilled && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('prefilledFromRejected')} />}
      <DraftStorageAlerts storage={storage} />

      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('hint')}
      </p>

      <div className="bl-check-items">
        {fields.map((field, index) => (
          <ItemFieldset
            key={field.id}
            control={control}
            index={index}
            verdict={verdict.items[index]}
            onRemove={fields.length > 1 ? () => remove(index) : undefined}
          />
        ))}
      </div>
      <div className="bl-add-items">
        <Button size="large" icon={<PlusOutlined aria-hidden />} onClick={() => append(emptyItem('MAIN', capacity))}>
          {t('addMain')}
        </Button>
        <Button size="large" icon={<PlusOutlined aria-hidden />} onClick={() => append(emptyItem('GENERAL', capacity))}>
          {t('addGeneral')}
        </Button>
      </div>

      <PhotoCapture owner={draftKey} buildingId={buildingId} onChange={evidence.onChange} />

      <MaterialPicker control={control} buildingId={buildingId} />

      <TextField control={control} name="constructionBasis" id="self-check-construction-basis" label={t('constructionBasis')} required placeholder={t('constructionBasisPlaceholder')} size="large" autoComplete="off" />
      <TextField control={control} name="acceptanceBasis" id="self-check-acceptance-basis" label={t('acceptanceBasis')} required placeholder={t('acceptanceBasisPlaceholder')} size="large" autoComplete="off" />
      <TextAreaField control={control} name="notes" id="self-check-notes" label={t('notes')} />

      <VerdictPanel verdict={verdict} error={itemsError} panelRef={verdictRef} />

      <TextField
        control={control}
        name="password"
        id="self-check-password"
        label={t('password')}
        required
        password
        size="large"
        autoComplete="current-password"
        help={t('passwordHint')}
      />

      {networkFailed && (
        <Alert type="warning" showIcon icon={<DisconnectOutlined aria-hidden />} style={{ marginBottom: 16 }} title={t('networkFailed')} role="alert" />
      )}

      <Button type="primary" htmlType="submit" size="large" block icon={<EditOutlined aria-hidden />} loading={busy(isSubmitting)}>
        {t('submit')}
      </Button>
      <DraftSaveStatus state={saver.state} restored={restoredAt !== null} />
    </MutationForm>
  );
}

/** One 检查项目: 主控/一般, the requirement, the sampling and its result, measured values. */
function ItemFieldset({
  control,
  index,
  verdict,
  onRemove,
}: {
  control: Control<SelfCheckValues, unknown, Parsed>;
  index: number;
  verdict: LotVerdict['items'][number] | undefined;
  onRemove?: () => void;
}) {
  const t = useTranslations('selfCheck');
  const tl = useTranslations('lot');
  const problems = useProblemText();
  const kind = useWatch({ control, name: `items.${index}.kind` });
  const passRate = useWatch({ control, name: `items.${index}.passRate` });
  const id = (field: string) => `item-${index}-${field}`;
  const n = index + 1;

  return (
    <fieldset className="bl-check-item">
      <legend>{t('itemLegend', { n })}</legend>
      <Controller
        control={control}
        name={`items.${index}.kind`}
        render={({ field }) => (
          <Radio.Group
            ref={field.ref}
            value={field.value}
            onChange={(event) => field.onChange(event.target.value)}
            optionType="button"
            buttonStyle="solid"
            size="large"
            className="bl-kind"
            aria-label={t('kind')}
            options={[
              { value: 'MAIN', label: tl('kind.MAIN') },
              { value: 'GENERAL', label: tl('kind.GENERAL') },
            ]}
          />
        )}
      />
      <TextAreaField control={control} name={`items.${index}.requirement`} id={id('requirement')} label={t('requirement')} required placeholder={t('requirementPlaceholder')} />
      <div className="bl-sample-row">
        <CoercedTextField control={control} name={`items.${index}.minSample`} id={id('min')} label={t('minSample')} required inputMode="numeric" size="large" autoComplete="off" />
        <CoercedTextField control={control} name={`items.${index}.sampled`} id={id('sampled')} label={t('sampled')} required inputMode="numeric" size="large" autoComplete="off" />
        <CoercedTextField control={control} name={`items.${index}.passed`} id={id('passed')} label={t('passed')} required inputMode="numeric" size="large" autoComplete="off" />
      </div>
      {kind === 'GENERAL' && (
        <Controller
          control={control}
          name={`items.${index}.severeDefect`}
          render={({ field }) => (
            <Checkbox
              ref={field.ref}
              checked={field.value === true}
              onChange={(event) => field.onChange(event.target.checked)}
              onBlur={field.onBlur}
              className="bl-confirm-box"
              style={{ marginBottom: 12 }}
            >
              {t('severeDefect')}
            </Checkbox>
          )}
        />
      )}
      <TextField control={control} name={`items.${index}.measured`} id={id('measured')} label={t('measured')} help={t('measuredHelp')} size="large" autoComplete="off" />
      <TextField control={control} name={`items.${index}.note`} id={id('note')} label={t('note')} size="large" autoComplete="off" />
      <div className="bl-item-foot">
        {verdict &&
          (verdict.pass ? (
            <Tag color="success">{t('itemPass')}</Tag>
          ) : (
            <span className="bl-item-problems">
              <Tag color="error">{t('itemFail')}</Tag>
              {verdict.problems.map((p) => problems.item(p, passRate)).join('、')}
            </span>
          ))}
        {onRemove && (
          <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove} className="bl-touch-button">
            {t('removeItem', { n })}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

/** 自检结论 as lotVerdict() computes it from what is typed, with each reason it fails. */
function VerdictPanel({ verdict, error, panelRef }: { verdict: LotVerdict; error?: string; panelRef: RefObject<HTMLElement | null> }) {
  const t = useTranslations('selfCheck');
  const tl = useTranslations('lot');
  const problems = useProblemText();
  const pass = verdict.verdict === 'PASS';
  const failing = verdict.items.map((v, i) => ({ v, n: i + 1 })).filter(({ v }) => !v.pass);
  return (
    <section ref={panelRef} tabIndex={-1} aria-labelledby="verdict-title" className={`bl-verdict ${pass ? 'bl-verdict-pass' : 'bl-verdict-fail'}`}>
      <h3 id="verdict-title">{t('verdictTitle')}</h3>
      <p style={{ margin: '0 0 4px' }}>
        <Tag color={pass ? 'success' : 'error'}>{tl(`verdict.${verdict.verdict}`)}</Tag>
        {pass ? t('verdictPass') : t('verdictFail')}
      </p>
      {!pass && (
        <ul className="bl-verdict-problems">
          {verdict.problems.map((p) => (
            <li key={p}>{problems.lot(p)}</li>
          ))}
          {failing.map(({ v, n }) => (
            <li key={n}>{t('itemProblems', { n, problems: v.problems.map((p) => problems.item(p)).join('、') })}</li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="bl-error-text">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * The lot cannot take a record now, but this device holds a draft for it. If the server holds
 * a record under the draft's idempotency key, the draft's submission reached it (its answer was
 * lost): the draft is cleared and the record shown as its receipt. Otherwise the draft is kept,
 * and can be discarded.
 */
export function DraftReconciler({
  lotId,
  userId,
  delivered,
  onDelivered,
}: {
  lotId: string;
  userId: string;
  delivered: (idempotencyKey: string) => string | null;
  onDelivered: (recordId: string) => void;
}) {
  const t = useTranslations('selfCheck');
  const dates = useDates();
  const { message } = App.useApp();
  const { state, reset } = useDraft<SelfCheckDraftValues>(selfCheckDraftKey(userId, lotId), delivered, onDelivered);

  if (!state.loaded || !state.draft) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('orphanDraft', { time: dates.time(new Date(state.draft.savedAt)) })}
      description={t('orphanDraftHint')}
      action={
        <Popconfirm
          title={t('discardConfirm')}
          okText={t('discardOk')}
          cancelText={t('keep')}
          onConfirm={async () => {
            await reset();
            message.success(t('discarded'));
          }}
        >
          <Button size="small" danger>
            {t('discard')}
          </Button>
        </Popconfirm>
      }
    />
  );
}
