'use client';

import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';

type Task = RouterOutputs['pledges']['tasks'][number];

export function signPath(task: Pick<Task, 'projectId' | 'role'>) {
  return `/tasks/sign/${task.projectId}/${task.role}`;
}

export function TasksView({ initialData }: { initialData: Task[] }) {
  const t = useTranslations('tasks');
  const trpc = useTRPC();
  const { data: tasks = initialData } = useQuery(trpc.pledges.tasks.queryOptions(undefined, { initialData }));

  return (
    <>
      <PageHead title={t('title')} hint={t('hint')} />
      {tasks.length === 0 ? (
        <Card>
          <Empty description={t('empty')} />
        </Card>
      ) : (
        <ul className="bl-task-list" aria-label={t('title')}>
          {tasks.map((task) => (
            <li key={`${task.projectId}-${task.role}`}>
              <TaskCard task={task} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function TaskCard({ task }: { task: Task }) {
  const t = useTranslations('tasks');
  const tl = useTranslations('partyLeaders');
  const tb = useTranslations('signing.blockers');
  const headingId = `task-${task.projectId}-${task.role}`;
  const toSign = task.buildings.length > 0;

  return (
    <section aria-labelledby={headingId}>
      <Card>
        <h2 id={headingId} style={{ margin: '0 0 4px', fontSize: 17 }}>
          {task.projectName}
        </h2>
        <p style={{ margin: '0 0 8px' }}>
          <Tag color="blue">{tl(task.role)}</Tag>
        </p>
        {toSign && (
          <>
            <p style={{ margin: '0 0 4px' }}>{t('buildingsToSign', { count: task.buildings.length })}</p>
            <ul className="bl-buildings">
              {task.buildings.map((b) => (
                <li key={b.id}>
                  <span>
                    <span className="bl-building-name">{b.name}</span> <span className="bl-building-code">{b.code}</span>
                  </span>
                  <Tag color={b.reason === 'stale' ? 'orange' : 'gold'}>{t(`reason.${b.reason}`)}</Tag>
                </li>
              ))}
            </ul>
          </>
        )}
        {task.blockers.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('blocked')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {task.blockers.map((b) => (
                  <li key={b}>{tb(b)}</li>
                ))}
              </ul>
            }
          />
        )}
        {task.needsOriginal && (
          <p style={{ margin: '12px 0 0' }}>
            <Tag color="orange">{t('needsOriginal')}</Tag>
          </p>
        )}
        <Link href={signPath(task)} className="bl-touch-link" aria-label={t(toSign ? 'openLabel' : 'openUploadLabel', { project: task.projectName, title: tl(task.role) })}>
          {toSign ? <EditOutlined aria-hidden /> : <UploadOutlined aria-hidden />} {toSign ? t('open') : t('openUpload')}
        </Link>
      </Card>
    </section>
  );
}
