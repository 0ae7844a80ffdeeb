'use client';

import { useTranslations } from 'next-intl';
import type { SignedBy as Signer } from '@/server/signatures/signers';
import { useDates } from '../../_components/use-dates';

/** Who signed, as signed: name, title, party and its organization, and when. */
export function SignedBy({ by }: { by: Signer | null }) {
  const t = useTranslations('lot');
  const parties = useTranslations('parties');
  const dates = useDates();
  if (!by) return <>—</>;
  const party = parties.has(by.capacity as 'OWNER') ? parties(by.capacity as 'OWNER') : by.capacity;
  return <>{t('signer', { name: by.name, title: by.title, party: by.organization ? `${party} ${by.organization}` : party, time: dates.time(by.signedAt) })}</>;
}
