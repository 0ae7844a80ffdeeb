import { notFound } from 'next/navigation';
import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../_lib/load';
import { requireUser } from '../../_lib/session';
import { ClaimForm } from './claim-form';

export const generateMetadata = pageTitle('warranty');

/** 报修: a claim for one unit, from a phone. */
export default async function NewClaimPage({ searchParams }: { searchParams: Promise<{ buildingId?: string; unitId?: string }> }) {
  const user = await requireUser();
  const { buildingId, unitId } = await searchParams;
  if (!buildingId || !unitId) notFound();
  const data = await orNotFound((await serverCaller()).warranty.building({ buildingId }));
  const unit = data.units.find((u) => u.id === unitId);
  if (!unit || !data.terms || !data.permissions.canFile) notFound();
  return <ClaimForm userId={user.id} building={data.building} unit={unit} terms={data.terms} contractor={data.contractor} />;
}
