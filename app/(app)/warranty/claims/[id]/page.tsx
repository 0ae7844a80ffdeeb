import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { ClaimView } from './claim-view';

export const generateMetadata = pageTitle('warranty');

/** One warranty claim: what and where, in warranty or not, its steps, the construction evidence behind it, and the next step for this user. */
export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const data = await orNotFound((await serverCaller()).warranty.claim({ claimId: id }));
  return <ClaimView userId={user.id} initialData={data} />;
}
