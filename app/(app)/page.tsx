import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from './_lib/session';
import { HomeView, type HomeMode } from './home-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('home');
  return { title: t('metaTitle') };
}

export default async function HomePage() {
  const user = await requireUser();
  const api = await serverCaller();
  const [projects, me] = await Promise.all([api.projects.list(), api.me.get()]);

  // The heading says what this list is for the person looking at it.
  const mode: HomeMode = user.roles.includes('ADMIN')
    ? 'admin'
    : user.roles.includes('INSPECTOR')
      ? 'inspector'
      : projects.some((p) => p.myParties.length > 0) || !user.roles.includes('HOMEOWNER')
        ? 'party'
        : 'homeowner';

  return <HomeView mode={mode} me={me} projects={projects} />;
}
