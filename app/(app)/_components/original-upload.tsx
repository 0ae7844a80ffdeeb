'use client';

import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { busy } from '@/app/_components/busy';
import { describedBy, FormField, FormLayout } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC } from '@/app/_trpc/client';
import type { PartyRole } from '@/server/authz/roles';
import { MAX_UPLOAD_BYTES } from '@/server/storage/upload';
import { UPLOAD_ACCEPT, UploadError, uploadFile } from './upload-file';

/**
 * Upload of the 授权书's paper original, signed by the party's 法定代表人 and stamped by the
 * unit (a scan or a phone photo): the file is stored, then bound by its SHA-256 to the
 * leader's authorizations in this project (pledges.attachOriginal).
 */
export function OriginalUpload({
  projectId,
  role,
  heading,
  onAttached,
}: {
  projectId: string;
  role: PartyRole;
  /** Shown above the control; the party's name on pages that list several. */
  heading?: string;
  onAttached?: (attached: number) => void;
}) {
  const t = useTranslations('originalUpload');
  const text = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const attach = useMutation(trpc.pledges.attachOriginal.mutationOptions());
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<{ sha256: string; attached: number } | null>(null);

  async function submit() {
    if (!file) {
      setError(t('chooseFirst'));
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(t('tooLarge'));
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const uploaded = await uploadFile(file);
      const result = await attach.mutateAsync({ projectId, role, fileSha256: uploaded.sha256 });
      setDone({ sha256: uploaded.sha256, attached: result.attached });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onAttached?.(result.attached);
      await Promise.all([
        queryClient.invalidateQueries(trpc.pledges.pathFilter()),
        queryClient.invalidateQueries(trpc.projects.pathFilter()),
      ]);
    } catch (caught) {
      setError(caught instanceof UploadError ? text.code(caught.code) : text.fromError(caught));
    } finally {
      setPending(false);
    }
  }

  const inputId = `${id}-file`;
  return (
    <div role="group" aria-label={heading ?? t('title')}>
      {heading && <h4 style={{ fontSize: 15, margin: '0 0 4px' }}>{heading}</h4>}
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('hint')}
      </p>
      {done && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined aria-hidden />}
          style={{ marginBottom: 12 }}
          title={t('done', { count: done.attached })}
          description={
            <>
              {t('sha256')} <code className="bl-hash">{done.sha256}</code>
            </>
          }
        />
      )}
      <FormLayout>
        <FormField id={inputId} label={t('file')} error={error} help={t('fileHelp')}>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept={UPLOAD_ACCEPT}
            className="bl-file-input"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(inputId)}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(undefined);
            }}
          />
        </FormField>
      </FormLayout>
      <Button icon={<UploadOutlined aria-hidden />} loading={busy(pending)} onClick={() => void submit()} size="large" className="bl-touch-button">
        {t('submit')}
      </Button>
    </div>
  );
}
