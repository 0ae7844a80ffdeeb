import { Forbidden } from '@/app/_components/forbidden';
import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { OrganizationsView } from './organizations-view';

export const generateMetadata = pageTitle('orgs');

export default async function OrganizationsPage() {
  const user = await requireUser();
  if (!isAdmin(user)) return <Forbidden />;
  const organizations = await (await serverCaller()).orgs.list();
  return <OrganizationsView initialData={organizations} />;
}
