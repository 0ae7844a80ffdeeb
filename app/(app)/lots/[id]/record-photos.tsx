'use client';

import { Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useDates } from '../../_components/use-dates';
import type { LotRecord } from './lot-view';

/**
 * A signed record's photo evidence (self-check, review, 隐蔽工程, 旁站): each a thumbnail linking
 * to the photo, with its SHA-256, its three times kept apart, and what the server flagged.
 * Nothing when there are none.
 */
export function RecordPhotos({ photos, label }: { photos: LotRecord['photos']; label?: string }) {
  const t = useTranslations('photos');
  const dates = useDates();
  if (photos.length === 0) return null;
  return (
    <ul className="bl-photo-list" aria-label={label ?? t('title')}>
      {photos.map((photo) => (
        <li key={photo.id} className="bl-photo-item">
          <a href={`/api/photos/${photo.id}`} target="_blank" rel="noreferrer">
            {/* A plain img: an authorized API thumbnail, nothing for next/image to optimize. */}
            <img src={`/api/photos/${photo.id}?size=thumb`} alt={t('photoAlt', { sha: photo.sha256.slice(0, 12) })} width={64} height={64} className="bl-photo-thumb" />
          </a>
          <div className="bl-photo-status">
            <code className="bl-hash">{photo.sha256.slice(0, 16)}…</code>
            <div className="bl-hint">
              {t('times', {
                exif: photo.exifTakenAtText ? `${photo.exifTakenAtText}${photo.exifOffset ? ` ${photo.exifOffset}` : ''}` : '—',
                device: photo.deviceTakenAt ? dates.time(photo.deviceTakenAt) : '—',
                received: dates.time(photo.receivedAt),
              })}
            </div>
            {photo.flags.map((flag) => (
              <Tag key={flag} color="warning">
                {t.has(`flags.${flag}` as 'flags.NO_EXIF') ? t(`flags.${flag}` as 'flags.NO_EXIF') : flag}
              </Tag>
            ))}
            {photo.possiblyReusedFrom.length > 0 && <Tag color="error">{t('possiblyReused', { count: photo.possiblyReusedFrom.length })}</Tag>}
          </div>
        </li>
      ))}
    </ul>
  );
}
