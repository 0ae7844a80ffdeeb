import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { requireUser } from '../_lib/session';
import { TasksView } from './tasks-view';

export const generateMetadata = pageTitle('tasks');

/** 待办签署: what waits for the signed-in user as a current 项目负责人. */
export default async function TasksPage() {
  await requireUser();
  const tasks = await (await serverCaller()).pledges.tasks();
  return <TasksView initialData={tasks} />;
}
