import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../_lib/load';
import { requireUser } from '../../_lib/session';
import { ProjectView } from './project-view';

export const generateMetadata = pageTitle('project');

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const project = await orNotFound((await serverCaller()).projects.get({ projectId: id }));
  return <ProjectView initialData={project} />;
}
