'use client';

import { CameraOutlined, CheckCircleFilled, CloudUploadOutlined, DeleteOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useErrorText } from '@/app/_components/use-error-text';
import { useApplyServerError } from '@/app/_trpc/form-errors';
import { PHOTO_MEDIA_TYPES } from '@/server/evidence/media-types';
import { deletePhoto, forgetStoredPhotos, photosOf, putPhoto, sha256Hex, uploadQueued, UploadRefused, type QueuedPhoto } from './photo-queue';

const RETRY_MS = 5000;

/**
 * A form's photo evidence, for its PhotoCapture: the ids the server has confirmed, the message
 * to show instead of submitting while any photo still waits (the record names only confirmed
 * ones), and `forget` once the record is confirmed (the receipts are no longer needed here).
 */
export function usePhotoEvidence(owner: string) {
  const t = useTranslations('photos');
  const [state, setState] = useState<{ ids: string[]; waiting: number }>({ ids: [], waiting: 0 });
  const onChange = useCallback((ids: string[], waiting: number) => setState({ ids, waiting }), []);
  return {
    photoIds: state.ids,
    onChange,
    blocker: state.waiting > 0 ? t('waitingBlock', { count: state.waiting }) : null,
    forget: () => forgetStoredPhotos(owner).catch(() => undefined),
  };
}

/**
 * The submit of a form with photo evidence: refused while a photo still waits, else `send`s the
 * values with the confirmed photos' ids; the server's error lands on the form. Once the record
 * is confirmed the receipts are forgotten, then `after` runs (a fresh form must not find them).
 */
export function useEvidenceSubmit<Values extends FieldValues, Parsed>(
  form: UseFormReturn<Values, unknown, Parsed>,
  evidence: ReturnType<typeof usePhotoEvidence>,
  send: (values: Parsed, photoIds: string[]) => Promise<void>,
  after: () => Promise<void>,
) {
  const applyServerError = useApplyServerError();
  return form.handleSubmit(async (values) => {
    if (evidence.blocker) {
      form.setError('root.server', { type: 'server', message: evidence.blocker });
      return;
    }
    try {
      await send(values, evidence.photoIds);
    } catch (error) {
      applyServerError(form, error);
      return;
    }
    await evidence.forget();
    await after();
  });
}

/**
 * Photos for one form: taken with the camera or picked from files, kept on the phone until the
 * server confirms each one's SHA-256 (a visible receipt), retried until they arrive. Reports the
 * confirmed photos' ids and how many still wait.
 */
export function PhotoCapture({ owner, buildingId, onChange }: { owner: string; buildingId: string; onChange: (photoIds: string[], waiting: number) => void }) {
  const t = useTranslations('photos');
  const text = useErrorText();
  const inputId = useId();
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const sending = useRef(false);

  const refresh = useCallback(async () => setPhotos(await photosOf(owner)), [owner]);

  const sendWaiting = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (const photo of await photosOf(owner)) {
        if (photo.receipt || refused[photo.key]) continue;
        try {
          await uploadQueued(photo);
        } catch (error) {
          if (error instanceof UploadRefused) setRefused((r) => ({ ...r, [photo.key]: error.code }));
          else break; // offline or the server is busy: try again later, in order
        }
      }
    } finally {
      sending.current = false;
      await refresh();
    }
  }, [owner, refused, refresh]);

  useEffect(() => {
    void refresh().then(sendWaiting);
    const timer = setInterval(() => void sendWaiting(), RETRY_MS);
    const online = () => void sendWaiting();
    window.addEventListener('online', online);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', online);
    };
  }, [refresh, sendWaiting]);

  useEffect(() => {
    onChange(
      photos.flatMap((p) => (p.receipt ? [p.receipt.id] : [])),
      photos.filter((p) => !p.receipt && !refused[p.key]).length,
    );
  }, [photos, refused, onChange]);

  async function add(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      await putPhoto({
        key: crypto.randomUUID(),
        owner,
        buildingId,
        name: file.name,
        blob: file,
        sha256: await sha256Hex(file),
        // A picked file's own time is when the phone wrote it; the server keeps EXIF and its own time apart.
        deviceTakenAt: new Date(file.lastModified || Date.now()).toISOString(),
        receipt: null,
        addedAt: Date.now(),
      });
    }
    await refresh();
    void sendWaiting();
  }

  async function remove(key: string) {
    await deletePhoto(key);
    setRefused(({ [key]: _gone, ...rest }) => rest);
    await refresh();
  }

  const waiting = photos.filter((p) => !p.receipt && !refused[p.key]).length;
  return (
    <section aria-labelledby={`${inputId}-title`} className="bl-photo-capture">
      <h3 id={`${inputId}-title`}>{t('title')}</h3>
      <p className="bl-hint">{waiting > 0 ? t('waiting', { count: waiting }) : t('hint')}</p>
      <ul className="bl-photo-list" aria-label={t('list')}>
        {photos.map((photo) => (
          <li key={photo.key} className="bl-photo-item">
            <PhotoThumb photo={photo} />
            <div className="bl-photo-status">
              {photo.receipt ? (
                <span>
                  <CheckCircleFilled aria-hidden style={{ color: '#389e0d' }} /> {t('stored')} <code className="bl-hash">{photo.receipt.sha256.slice(0, 16)}…</code>
                  {photo.receipt.flags.map((flag) => (
                    <Tag key={flag} color="warning" style={{ marginInlineStart: 4 }}>
                      {t.has(`flags.${flag}` as 'flags.NO_EXIF') ? t(`flags.${flag}` as 'flags.NO_EXIF') : flag}
                    </Tag>
                  ))}
                </span>
              ) : refused[photo.key] ? (
                <span role="alert">
                  <WarningFilled aria-hidden style={{ color: '#cf1322' }} /> {text.code(refused[photo.key]!)}
                </span>
              ) : (
                <span>
                  <CloudUploadOutlined aria-hidden /> {t('pending')}
                </span>
              )}
            </div>
            {!photo.receipt && (
              <Button size="small" icon={<DeleteOutlined aria-hidden />} onClick={() => void remove(photo.key)} aria-label={t('remove', { name: photo.name })} />
            )}
          </li>
        ))}
      </ul>
      <label htmlFor={inputId} className="bl-photo-add">
        <CameraOutlined aria-hidden /> {t('add')}
      </label>
      <input
        id={inputId}
        type="file"
        accept={PHOTO_MEDIA_TYPES.join(',')}
        capture="environment"
        multiple
        className="bl-visually-hidden"
        onChange={(event) => {
          void add(event.target.files);
          event.target.value = '';
        }}
      />
    </section>
  );
}

function PhotoThumb({ photo }: { photo: QueuedPhoto }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (photo.receipt) {
      setSrc(`/api/photos/${photo.receipt.id}?size=thumb`);
      return;
    }
    if (!photo.blob) return;
    const url = URL.createObjectURL(photo.blob);
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);
  // A plain img: a local blob or an authorized API thumbnail, nothing for next/image to optimize.
  return src ? <img src={src} alt={photo.name} width={64} height={64} className="bl-photo-thumb" /> : <span className="bl-photo-thumb" />;
}
