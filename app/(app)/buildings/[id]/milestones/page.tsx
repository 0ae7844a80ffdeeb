import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { MilestonesView } from './milestones-view';

export const generateMetadata = pageTitle('milestones');

/** 验收与备案: 分部验收, 竣工验收 with its documents and preconditions, 备案 and the 质量监督报告. */
export default async function MilestonesPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const api = await serverCaller();
  const data = await orNotFound(api.milestones.building({ buildingId: id }));
  return <MilestonesView initialData={data} />;
}
