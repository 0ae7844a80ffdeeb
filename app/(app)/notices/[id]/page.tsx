import { pageTitle } from '@/app/_components/page-title';
import { serverCaller } from '@/server/trpc/server-caller';
import { orNotFound } from '../../_lib/load';
import { requireUser } from '../../_lib/session';
import { NoticeView } from './notice-view';

export const generateMetadata = pageTitle('notices');

/** One 整改通知单: its items and the records they concern, the party's answers and the inspector's checks. */
export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const data = await orNotFound((await serverCaller()).notices.get({ noticeId: id }));
  return <NoticeView userId={user.id} initialData={data} />;
}
