import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from '../../_lib/session';
import { TokensView } from './tokens-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('tokens');
  return { title: t('metaTitle') };
}

export default async function TokensPage() {
  await requireUser();
  const tokens = await (await serverCaller()).tokens.list();
  return <TokensView initialData={tokens} />;
}
