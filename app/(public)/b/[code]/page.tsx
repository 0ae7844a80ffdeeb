import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/server/db/client';
import { publicBuildingRecord } from '@/server/plaque/service';
import { PlaqueView } from './plaque-view';
import './plaque.css';

/** Verification is "now": a verdict at most a few minutes old on a chain that has not grown since, else a check on this visit. */
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ code: string }>;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One read (and one chain verification) per request, shared by the title and the page. */
const recordOf = cache((code: string) => publicBuildingRecord(db, code));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const record = await recordOf(decoded((await params).code));
  if (!record) {
    const t = await getTranslations('notFound');
    return { title: t('metaTitle') };
  }
  const t = await getTranslations('plaque');
  return { title: t('metaTitle', { building: record.building.name, project: record.project.name }) };
}

/**
 * The public page of a building (DESIGN.md Contract 4), the target of its plaque's QR code:
 * no sign-in, no app shell, names only (never ID numbers or phone numbers).
 */
export default async function PublicBuildingPage({ params }: Props) {
  const record = await recordOf(decoded((await params).code));
  if (!record) notFound();
  return <PlaqueView record={record} />;
}
