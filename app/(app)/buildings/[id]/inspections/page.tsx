import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { ProgressView } from './progress-view';

export const generateMetadata = pageTitle('inspections');

/** 检验批验收: the building's lots by 分部 → 子分部 → 分项, and the 施工单位's planning of new ones. */
export default async function InspectionsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const api = await serverCaller();
  // The progress answer names its building: no second query (and no chain verification) for the header.
  const progress = await orNotFound(api.inspections.progress({ buildingId: id }));
  return (
    <ProgressView
      building={{ id: progress.building.id, name: progress.building.name, code: progress.building.code }}
      userId={user.id}
      initialData={progress}
    />
  );
}
