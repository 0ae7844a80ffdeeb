import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../_lib/load';
import { requireUser } from '../../../_lib/session';
import { NoticesSection } from './notices-section';
import { SupervisionView } from './supervision-view';

export const generateMetadata = pageTitle('supervision');

/** 质量监督: the 质监站's 监督检查记录 of the building, and the inspector's form to record one on site; its 整改通知单. */
export default async function SupervisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const api = await serverCaller();
  const data = await orNotFound(api.supervision.building({ buildingId: id }));
  const notices = await api.notices.building({ buildingId: id });
  return (
    <>
      <SupervisionView userId={user.id} initialData={data} />
      <NoticesSection buildingId={id} initialData={notices} />
    </>
  );
}
