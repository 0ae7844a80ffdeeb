import { Forbidden } from '@/app/_components/forbidden';
import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { ChainChecksView } from './chain-checks-view';

export const generateMetadata = pageTitle('chainChecks');

export default async function ChainChecksPage() {
  const user = await requireUser();
  if (!isAdmin(user)) return <Forbidden />;
  const api = await serverCaller();
  return <ChainChecksView initialData={await api.archive.chainChecks()} />;
}
