import { notFound } from 'next/navigation';
import { pageTitle } from '@/app/_components/page-title';
import { PARTY_ROLES, type PartyRole } from '@/server/authz/roles';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../../../_lib/load';
import { requireUser } from '../../../../_lib/session';
import { SignView } from './sign-view';

export const generateMetadata = pageTitle('signing');

const isPartyRole = (value: string): value is PartyRole => (PARTY_ROLES as readonly string[]).includes(value);

/** The leader reads the 授权书 and 承诺书 in full and signs them with the password (phone first). */
export default async function SignPage({ params }: { params: Promise<{ projectId: string; role: string }> }) {
  await requireUser();
  const { projectId, role } = await params;
  if (!isPartyRole(role)) notFound();
  const api = await serverCaller();
  const tasks = await api.pledges.tasks();
  const task = tasks.find((t) => t.projectId === projectId && t.role === role) ?? null;
  const preview = task && task.buildings.length > 0 ? await orNotFound(api.pledges.preview({ projectId, role })) : null;
  return <SignView projectId={projectId} role={role} initialTasks={tasks} preview={preview} />;
}
