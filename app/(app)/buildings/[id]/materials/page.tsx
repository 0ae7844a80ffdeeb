import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { MaterialsView } from './materials-view';

export const generateMetadata = pageTitle('materials');

/** 材料与见证取样: the building's 进场验收, samples and lab results, and the witnessed share per kind. */
export default async function MaterialsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const materials = await orNotFound((await serverCaller()).materials.list({ buildingId: id }));
  return <MaterialsView initialData={materials} />;
}
