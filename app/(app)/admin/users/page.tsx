import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/app/_components/forbidden';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { UsersView } from './users-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('users');
  return { title: t('metaTitle') };
}

export default async function UsersPage() {
  const user = await requireUser();
  if (!isAdmin(user)) return <Forbidden />;
  const api = await serverCaller();
  const [users, organizations] = await Promise.all([api.users.list(), api.orgs.list()]);
  return <UsersView initialUsers={users} initialOrganizations={organizations} />;
}
