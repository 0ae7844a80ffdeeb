import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../_lib/load';
import { requireUser } from '../../_lib/session';
import { LotView } from './lot-view';

export const generateMetadata = pageTitle('lot');

/** One 检验批: its place and order, every record and review, the self-check form and the 监理's review. */
export default async function LotPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const lot = await orNotFound((await serverCaller()).inspections.lot({ lotId: id }));
  return <LotView userId={user.id} initialData={lot} />;
}
