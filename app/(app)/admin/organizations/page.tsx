import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/app/_components/forbidden';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { OrganizationsView } from './organizations-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orgs');
  return { title: t('metaTitle') };
}

export default async function OrganizationsPage() {
  const user = await requireUser();
  if (!isAdmin(user)) return <Forbidden />;
  const organizations = await (await serverCaller()).orgs.list();
  return <OrganizationsView initialData={organizations} />;
}
