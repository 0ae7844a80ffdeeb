'use client';

import { DeleteOutlined, DisconnectOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Popconfirm, Radio, Skeleton, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import type { z } from 'zod';
import { busy } from '@/app/_components/busy';
import { MutationForm } from '@/app/_components/mutation-form';
import { TextField } from '@/app/_components/text-field';
import { parseServerError, useErrorText } from '@/app/_components/use-error-text';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { useTRPC } from '@/app/_trpc/client';
import { deleteDraft, loadDraft, newIdempotencyKey, saveDraft, type Draft } from '@/app/(app)/_components/draft-store';
import { CoercedTextField } from '@/app/(app)/_components/fields';
import { lotVerdict, type LotVerdict } from '@/server/inspections/acceptance';
import { useDates } from '../../_components/use-dates';
import { PhotoCapture, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';
import type { LotRecord } from './lot-view';
import { useProblemText } from './lot-status';
import {
  draftMatchesRecord,
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
type DraftState = { loaded: false } | { loaded: true; draft: Draft<SelfCheckDraftValues> | null; storage: boolean };

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
  onSubmitted,
}: {
  lotId: string;
  buildingId: string;
  userId: string;
  capacity: number;
  /** The rejected record, when this is a rework: the new record starts from its items. */
  rejected: RecordContent | null;
  onSubmitted: (recordId: string) => void;
}) {
  const t = useTranslations('selfCheck');
  const draftKey = selfCheckDraftKey(userId, lotId);
  const [state, setState] = useState<DraftState>({ loaded: false });
  // Every discard starts a fresh form, with a fresh idempotency key made once for it.
  const [generation, setGeneration] = useState(0);
  const [freshKey, setFreshKey] = useState(newIdempotencyKey);

  useEffect(() => {
    let live = true;
    loadDraft<SelfCheckDraftValues>(draftKey)
      .then((draft) => live && setState({ loaded: true, draft, storage: true }))
      .catch(() => live && setState({ loaded: true, draft: null, storage: false }));
    return () => {
      live = false;
    };
  }, [draftKey]);

  async function discard() {
    await deleteDraft(draftKey).catch(() => undefined);
    setState((s) => (s.loaded ? { ...s, draft: null } : s));
    setFreshKey(newIdempotencyKey());
    setGeneration((g) => g + 1);
  }

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
            idempotencyKey={state.draft?.idempotencyKey ?? freshKey}
            restoredAt={state.draft?.savedAt ?? null}
            prefilled={rejected !== null && state.draft === null}
            capacity={capacity}
            onDiscard={discard}
            onSubmitted={onSubmitted}
          />
        )}
      </Card>
    </section>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Writes the form to its draft shortly after each change (and at once when the page is
 * hidden or left). `flush` writes now; `stop` ends saving for good (the record is in).
 */
function useDraftSaver(draftKey: string, idempotencyKey: string, read: () => SelfCheckDraftValues, enabled: boolean) {
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(false);
  const stopped = useRef(!enabled);
  const readRef = useRef(read);
  readRef.current = read;

  const write = useCallback(async () => {
    clearTimeout(timer.current);
    if (stopped.current) return;
    pending.current = false;
    try {
      await saveDraft({ key: draftKey, values: readRef.current(), idempotencyKey, savedAt: Date.now() });
      if (!stopped.current && !pending.current) setState('saved');
    } catch {
      if (!stopped.current) setState('failed');
    }
  }, [draftKey, idempotencyKey]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    pending.current = true;
    setState('saving');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void write(), 250);
  }, [write]);

  const stop = useCallback(() => {
    stopped.current = true;
    clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    const flushIfPending = () => {
      if (pending.current) void write();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushIfPending();
    };
    window.addEventListener('pagehide', flushIfPending);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flushIfPending);
      document.removeEventListener('visibilitychange', onVisibility);
      flushIfPending();
    };
  }, [write]);

  return { state, schedule, flush: write, stop };
}

/** navigator.onLine, following the browser's online/offline events. */
function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
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
  const dates = useDates();
  const text = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // networkMode 'always': offline, the request fails at once (and says so) instead of waiting
  // paused in React Query to be sent later, unseen, with the password still in memory.
  const submit = useMutation(trpc.inspections.submit.mutationOptions({ networkMode: 'always' }));
  const applyServerError = useApplyServerError();
  const online = useOnline();
  const [networkFailed, setNetworkFailed] = useState(false);
  // Photos are their own queue (photo-queue.ts); the record names those the server has confirmed.
  const evidence = usePhotoEvidence(draftKey);
  const verdictRef = useRef<HTMLElement>(null);

  const schema: z.ZodType<Parsed, SelfCheckValues> = selfCheckForm;
  const form = useForm<SelfCheckValues, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: { ...initial, lotId, password: '', idempotencyKey },
  });
  const { control } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  const { errors, isSubmitting } = form.formState;

  const readDraft = useCallback((): SelfCheckDraftValues => {
    const { password: _password, lotId: _lotId, idempotencyKey: _key, ...values } = form.getValues();
    return values;
  }, [form]);
  const saver = useDraftSaver(draftKey, idempotencyKey, readDraft, storage);

  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name !== 'password') saver.schedule();
    });
    return () => subscription.unsubscribe();
  }, [form, saver.schedule]);

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
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('restored', { time: dates.time(new Date(restoredAt)) })}
          action={
            <Popconfirm
              title={t('discardConfirm')}
              okText={t('discardOk')}
              cancelText={t('keep')}
              onConfirm={async () => {
                // No late write of this form may bring the discarded draft back.
                saver.stop();
                await onDiscard();
              }}
            >
              <Button size="small" danger>
                {t('discard')}
              </Button>
            </Popconfirm>
          }
        />
      )}
      {prefilled && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('prefilledFromRejected')} />}
      {!storage && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('storageUnavailable')} />}
      {!online && <Alert type="warning" showIcon icon={<DisconnectOutlined aria-hidden />} style={{ marginBottom: 16 }} title={t('offline')} />}

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
      <p className="bl-draft-status" aria-live="off">
        {saver.state === 'saving' ? t('saving') : saver.state === 'saved' ? t('saved') : saver.state === 'failed' ? t('saveFailed') : restoredAt !== null ? t('saved') : ''}
      </p>
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
 * The lot cannot take a record now, but this device holds a draft for it. If the lot's
 * current record says what the draft says, the draft's submission reached the server (its
 * answer was lost): the draft is cleared and the record shown as its receipt. Otherwise the
 * draft is kept, and can be discarded.
 */
export function DraftReconciler({
  lotId,
  userId,
  current,
  onDelivered,
}: {
  lotId: string;
  userId: string;
  current: LotRecord | null;
  onDelivered: (recordId: string) => void;
}) {
  const t = useTranslations('selfCheck');
  const dates = useDates();
  const { message } = App.useApp();
  const draftKey = selfCheckDraftKey(userId, lotId);
  const [draft, setDraft] = useState<Draft<SelfCheckDraftValues> | null>(null);

  useEffect(() => {
    let live = true;
    loadDraft<SelfCheckDraftValues>(draftKey)
      .then(async (found) => {
        if (!live || !found) return;
        if (current && draftMatchesRecord(found.values, lotId, current.content as RecordContent)) {
          await deleteDraft(draftKey);
          if (live) onDelivered(current.id);
          return;
        }
        setDraft(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [draftKey, lotId, current, onDelivered]);

  if (!draft) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('orphanDraft', { time: dates.time(new Date(draft.savedAt)) })}
      description={t('orphanDraftHint')}
      action={
        <Popconfirm
          title={t('discardConfirm')}
          okText={t('discardOk')}
          cancelText={t('keep')}
          onConfirm={async () => {
            await deleteDraft(draftKey).catch(() => undefined);
            setDraft(null);
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
