'use client';

import { PauseCircleOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useDates } from '@/app/(app)/_components/use-dates';
import type { ActiveSuspension } from '@/server/suspensions/gate';
import { scopeName } from '@/server/suspensions/schemas';

/** The scope of an order in words: the whole building, or its 分部/子分部 by name. */
export function useScopeText() {
  const t = useTranslations('suspensions');
  return (s: Pick<ActiveSuspension, 'wholeBuilding' | 'scopeCodes'>) => (s.wholeBuilding ? t('scopeWhole') : s.scopeCodes.map((code) => `${code} ${scopeName(code)}`).join('、'));
}

/** The building page's and the inspections page's alert while a 暂停施工 order is in force. */
export function SuspensionAlert({ buildingId, suspensions }: { buildingId: string; suspensions: ActiveSuspension[] }) {
  const t = useTranslations('suspensions');
  const dates = useDates();
  const scopeText = useScopeText();
  if (suspensions.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<PauseCircleOutlined aria-hidden />}
      title={t('alert')}
      description={
        <>
          <ul className="bl-plain-list">
            {suspensions.map((s) => (
              <li key={s.id}>{t('alertItem', { scope: scopeText(s), by: `${s.issuedBy.title} ${s.issuedBy.name}`, on: dates.day(s.issuedAt) })}</li>
            ))}
          </ul>
          <Link href={`/buildings/${buildingId}/supervision#suspensions`} className="bl-touch-link">
            {t('alertLink')}
          </Link>
        </>
      }
    />
  );
}

/** A lot's page under an active order: which order stops it, and where to read it. */
export function LotSuspendedAlert({ buildingId, suspension }: { buildingId: string; suspension: ActiveSuspension }) {
  const t = useTranslations('suspensions');
  const dates = useDates();
  return (
    <Alert
      type="error"
      showIcon
      icon={<PauseCircleOutlined aria-hidden />}
      title={t('lotSuspended', { issuer: suspension.issuer, by: `${suspension.issuedBy.title} ${suspension.issuedBy.name}`, on: dates.day(suspension.issuedAt), reason: suspension.reason })}
      description={
        <Link href={`/buildings/${buildingId}/supervision#suspensions`} className="bl-touch-link">
          {t('alertLink')}
        </Link>
      }
    />
  );
}
