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

  // Each party sees where its buildings stand; inspectors get theirs on the supervision dashboard.
  const partyBuildings = projects.filter((p) => p.myParties.length > 0).flatMap((p) => p.buildings);
  const progress = Object.fromEntries(
    await Promise.all(partyBuildings.map(async (b) => [b.id, (await api.inspections.progress({ buildingId: b.id })).total] as const)),
  );

  return <HomeView mode={mode} me={me} projects={projects} progress={progress} />;
}
