import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { BuildingWarrantyView } from './building-warranty-view';

export const generateMetadata = pageTitle('warranty');

/** 质量保修 of a building: its terms, its units and their invitations, its claims. */
export default async function BuildingWarrantyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const data = await orNotFound((await serverCaller()).warranty.building({ buildingId: id }));
  return <BuildingWarrantyView initialData={data} />;
}
