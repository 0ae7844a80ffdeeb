'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { deleteDraft, loadDraft, newIdempotencyKey, saveDraft, type Draft } from './draft-store';
import { forgetStoredPhotos } from './photo-queue';

/**
 * One way to keep a site form's draft (draft-store.ts): load it, save it as it is typed, and
 * know when the server already holds its submission — by the idempotency key the draft carries,
 * which the lot read gives back to the record's own submitter. A form's photos wait in the photo
 * queue under the draft's key (PhotoCapture's owner).
 */

/** What a draft keeps of a form: everything typed except the password, and not the key (the draft holds it). */
export type DraftValues<Values> = Omit<Values, 'password' | 'idempotencyKey'>;

export type LoadedDraft<Values> = { loaded: false } | { loaded: true; draft: Draft<Values> | null; storage: boolean };

/** What a form kept as a draft is given: where its draft lives, what it held, the key to submit with, and `onDone` to start afresh. */
export interface DraftedForm<Values> {
  draftKey: string;
  storage: boolean;
  initial: Values | null;
  restoredAt: number | null;
  idempotencyKey: string;
  onDone: () => Promise<void>;
}

/** The record among `records` that the reader submitted with `idempotencyKey`, if any. */
export const deliveredIn = (records: { id: string; ownIdempotencyKey: string | null }[]) => (idempotencyKey: string) =>
  records.find((r) => r.ownIdempotencyKey === idempotencyKey)?.id ?? null;

/**
 * The draft under `draftKey` on this device, and the idempotency key the form's next submission
 * sends. A draft whose key the server already holds (`delivered` finds its record) was submitted
 * and only the answer was lost: it is cleared with its photos' receipts, and `onDelivered` hears
 * of the record. `reset` drops the draft and starts afresh with a new key (discarded, or recorded);
 * `generation` changes with it, as a key for the form; `form` is what the form is given, once loaded.
 */
export function useDraft<Values>(draftKey: string, delivered: (idempotencyKey: string) => string | null, onDelivered?: (recordId: string) => void) {
  const [state, setState] = useState<LoadedDraft<Values>>({ loaded: false });
  const [generation, setGeneration] = useState(0);
  const [freshKey, setFreshKey] = useState(newIdempotencyKey);
  // Read when the draft loads: the lot read that came with the page already names delivered keys.
  const deliveredRef = useRef(delivered);
  deliveredRef.current = delivered;
  const onDeliveredRef = useRef(onDelivered);
  onDeliveredRef.current = onDelivered;

  useEffect(() => {
    let live = true;
    loadDraft<Values>(draftKey)
      .then(async (found) => {
        const recordId = found ? deliveredRef.current(found.idempotencyKey) : null;
        if (recordId) {
          await deleteDraft(draftKey);
          await forgetStoredPhotos(draftKey);
          if (live) onDeliveredRef.current?.(recordId);
        }
        if (live) setState({ loaded: true, draft: recordId ? null : found, storage: true });
      })
      .catch(() => live && setState({ loaded: true, draft: null, storage: false }));
    return () => {
      live = false;
    };
  }, [draftKey]);

  const reset = useCallback(async () => {
    await deleteDraft(draftKey).catch(() => undefined);
    setState((s) => (s.loaded ? { ...s, draft: null } : s));
    setFreshKey(newIdempotencyKey());
    setGeneration((g) => g + 1);
  }, [draftKey]);

  const idempotencyKey = state.loaded && state.draft ? state.draft.idempotencyKey : freshKey;
  const form: DraftedForm<Values> | null = state.loaded
    ? { draftKey, storage: state.storage, initial: state.draft?.values ?? null, restoredAt: state.draft?.savedAt ?? null, idempotencyKey, onDone: reset }
    : null;
  return { state, generation, idempotencyKey, reset, form };
}

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Writes a form to its draft shortly after each change (and at once when the page is hidden or
 * left): all its values but the password and the idempotency key. `flush` writes now (before a
 * submission leaves); `stop` ends saving for good (the record is in, or the draft discarded).
 */
export function useFormDraft<Values extends FieldValues, Parsed>(form: UseFormReturn<Values, unknown, Parsed>, draftKey: string, idempotencyKey: string, enabled: boolean) {
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(false);
  const stopped = useRef(!enabled);

  const write = useCallback(async () => {
    clearTimeout(timer.current);
    if (stopped.current) return;
    pending.current = false;
    const { password: _password, idempotencyKey: _key, ...values } = form.getValues();
    try {
      await saveDraft({ key: draftKey, values, idempotencyKey, savedAt: Date.now() });
      if (!stopped.current && !pending.current) setState('saved');
    } catch {
      if (!stopped.current) setState('failed');
    }
  }, [form, draftKey, idempotencyKey]);

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
    const subscription = form.watch((_values, { name }) => {
      if (name !== 'password') schedule();
    });
    return () => subscription.unsubscribe();
  }, [form, schedule]);

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

  return { state, flush: write, stop };
}

/** navigator.onLine, following the browser's online/offline events. */
export function useOnline(): boolean {
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
