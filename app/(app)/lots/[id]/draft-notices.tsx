'use client';

import { DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm } from 'antd';
import { useTranslations } from 'next-intl';
import { useOnline, type SaveState } from '@/app/(app)/_components/form-draft';
import { useDates } from '../../_components/use-dates';

/**
 * What every site form of the lot page says about its draft on this device (the wording is the
 * self-check's, where drafts began): restored (and may be discarded), saved or not, offline.
 */

export function DraftRestoredAlert({ savedAt, onDiscard }: { savedAt: number; onDiscard: () => Promise<void> }) {
  const t = useTranslations('selfCheck');
  const dates = useDates();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('restored', { time: dates.time(new Date(savedAt)) })}
      action={
        <Popconfirm title={t('discardConfirm')} okText={t('discardOk')} cancelText={t('keep')} onConfirm={onDiscard}>
          <Button size="small" danger>
            {t('discard')}
          </Button>
        </Popconfirm>
      }
    />
  );
}

export function DraftSaveStatus({ state, restored }: { state: SaveState; restored: boolean }) {
  const t = useTranslations('selfCheck');
  return (
    <p className="bl-draft-status" aria-live="off">
      {state === 'saving' ? t('saving') : state === 'saved' ? t('saved') : state === 'failed' ? t('saveFailed') : restored ? t('saved') : ''}
    </p>
  );
}

export function DraftStorageAlerts({ storage }: { storage: boolean }) {
  const t = useTranslations('selfCheck');
  const online = useOnline();
  return (
    <>
      {!storage && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('storageUnavailable')} />}
      {!online && <Alert type="warning" showIcon icon={<DisconnectOutlined aria-hidden />} style={{ marginBottom: 16 }} title={t('offline')} />}
    </>
  );
}

/** Above a drafted site record's form: restored (with discard), no storage, offline. */
export function DraftNotices({ restoredAt, storage, onDiscard }: { restoredAt: number | null; storage: boolean; onDiscard: () => Promise<void> }) {
  return (
    <>
      {restoredAt !== null && <DraftRestoredAlert savedAt={restoredAt} onDiscard={onDiscard} />}
      <DraftStorageAlerts storage={storage} />
    </>
  );
}
