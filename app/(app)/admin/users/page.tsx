import { Forbidden } from '@/app/_components/forbidden';
import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { UsersView } from './users-view';

export const generateMetadata = pageTitle('users');

export default async function UsersPage() {
  const user = await requireUser();
  if (!isAdmin(user)) return <Forbidden />;
  const api = await serverCaller();
  const [users, organizations] = await Promise.all([api.users.list(), api.orgs.list()]);
  return <UsersView initialUsers={users} initialOrganizations={organizations} currentUserId={user.id} />;
}
