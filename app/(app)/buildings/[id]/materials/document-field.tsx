'use client';

import { CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { describedBy, FormField } from '@/app/_components/form-field';
import { useErrorText } from '@/app/_components/use-error-text';
import { UPLOAD_ACCEPT, UploadError, uploadFile } from '@/app/(app)/_components/upload-file';
import { MAX_UPLOAD_BYTES } from '@/server/storage/upload';

type Kept = { name: string; sha256: string };

/**
 * Documents for a record (质量证明文件, 检测报告): each chosen file is uploaded at once through
 * POST /api/files and the field holds what the server answered, the SHA-256 (`multiple`: a list
 * of them). The record then names the files by it.
 */
export function DocumentField<Values extends FieldValues, Parsed>({
  control,
  name,
  id,
  label,
  help,
  multiple,
  optional,
  missingText,
}: {
  control: Control<Values, unknown, Parsed>;
  name: Path<Values>;
  id: string;
  label: string;
  help: string;
  multiple?: boolean;
  /** Nothing uploaded leaves the field undefined (an optional file). */
  optional?: boolean;
  /** Shown when nothing is uploaded and the schema refuses the empty value with a message of its own. */
  missingText?: string;
}) {
  const t = useTranslations('materials');
  const text = useErrorText();
  const { field, fieldState } = useController({ control, name });
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [kept, setKept] = useState<Kept[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string>();

  function keep(next: Kept[]) {
    setKept(next);
    field.onChange(multiple ? next.map((f) => f.sha256) : (next[0]?.sha256 ?? (optional ? undefined : '')));
  }

  async function add(files: File[]) {
    setUploadError(undefined);
    const tooLarge = files.find((f) => f.size > MAX_UPLOAD_BYTES);
    if (tooLarge) {
      setUploadError(t('tooLarge', { name: tooLarge.name }));
      return;
    }
    setUploading(true);
    const next = multiple ? [...kept] : [];
    try {
      for (const file of files) {
        const { sha256 } = await uploadFile(file);
        if (!next.some((f) => f.sha256 === sha256)) next.push({ name: file.name, sha256 });
      }
    } catch (caught) {
      setUploadError(text.code(caught instanceof UploadError ? caught.code : 'UNKNOWN'));
    } finally {
      setUploading(false);
      keep(next);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  const fieldError = fieldState.error && (kept.length === 0 && missingText ? missingText : text.field(fieldState.error));
  const error = uploadError ?? fieldError;
  return (
    <FormField id={id} label={label} required={!optional} error={error} help={uploading ? t('uploading') : help}>
      <input
        ref={(element) => {
          inputRef.current = element;
          field.ref(element);
        }}
        id={id}
        type="file"
        accept={UPLOAD_ACCEPT}
        multiple={multiple}
        disabled={uploading}
        className="bl-file-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id)}
        onChange={(event) => void add([...(event.target.files ?? [])])}
      />
      {kept.length > 0 && (
        <ul className="bl-file-list" aria-label={label}>
          {kept.map((file) => (
            <li key={file.sha256}>
              <CheckCircleOutlined aria-hidden className="bl-file-ok" />
              <span className="bl-file-name">
                {file.name} <span className="bl-visually-hidden">{t('uploaded')}</span>
                <code className="bl-hash">{file.sha256.slice(0, 16)}…</code>
              </span>
              <Button type="text" icon={<DeleteOutlined aria-hidden />} aria-label={t('removeFile', { name: file.name })} onClick={() => keep(kept.filter((f) => f !== file))} />
            </li>
          ))}
        </ul>
      )}
    </FormField>
  );
}
