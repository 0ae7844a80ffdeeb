import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from '../../_lib/session';
import { TokensView } from './tokens-view';

export const generateMetadata = pageTitle('tokens');

export default async function TokensPage() {
  await requireUser();
  const tokens = await (await serverCaller()).tokens.list();
  return <TokensView initialData={tokens} />;
}
