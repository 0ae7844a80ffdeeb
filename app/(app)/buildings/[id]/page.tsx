import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../_lib/load';
import { requireUser } from '../../_lib/session';
import { BuildingView } from './building-view';

export const generateMetadata = pageTitle('building');

export default async function BuildingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const building = await orNotFound((await serverCaller()).projects.building({ buildingId: id }));
  return <BuildingView initialData={building} />;
}
