import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { isAdmin, requireUser } from '../../_lib/session';
import { NewProjectForm } from './new-project-form';

export const generateMetadata = pageTitle('newProject');

/** 登记项目: the 建设单位 (one of the actor's enterprises; ADMIN: any enterprise) registers its project. */
export default async function NewProjectPage() {
  const user = await requireUser();
  const api = await serverCaller();
  const organizations = isAdmin(user)
    ? (await api.orgs.list()).filter((o) => o.kind === 'ENTERPRISE')
    : (await api.me.get()).organizations.filter((o) => o.kind === 'ENTERPRISE');
  return <NewProjectForm organizations={organizations.map((o) => ({ id: o.id, name: o.name }))} />;
}
