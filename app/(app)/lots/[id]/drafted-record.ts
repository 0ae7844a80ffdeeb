'use client';

import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useTRPC } from '@/app/_trpc/client';
import { useFormDraft, type DraftedForm } from '@/app/(app)/_components/form-draft';
import { useEvidenceSubmit, usePhotoEvidence } from '@/app/(app)/_components/photo-capture';

/**
 * A signed site record's form kept as a draft (隐蔽工程, 旁站): saved as it is typed; on submit,
 * the draft (with its idempotency key) is on the device before the request leaves; once the
 * server confirms, the draft and its photos' receipts go and a fresh draft starts.
 */
export function useDraftedRecord<Values extends FieldValues, Parsed>(
  form: UseFormReturn<Values, unknown, Parsed>,
  draft: DraftedForm<unknown>,
  send: (values: Parsed, photoIds: string[]) => Promise<unknown>,
  recordedMessage: string,
) {
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const evidence = usePhotoEvidence(draft.draftKey);
  const saver = useFormDraft(form, draft.draftKey, draft.idempotencyKey, draft.storage);
  const onSubmit = useEvidenceSubmit(
    form,
    evidence,
    async (values, photoIds) => {
      await saver.flush();
      await send(values, photoIds);
    },
    async () => {
      saver.stop();
      message.success(recordedMessage);
      await queryClient.invalidateQueries(trpc.inspections.pathFilter());
      await draft.onDone();
    },
  );
  // No late write of this form may bring a discarded draft back.
  const discard = async () => {
    saver.stop();
    await draft.onDone();
  };
  return { onSubmit, evidence, saver, discard };
}
