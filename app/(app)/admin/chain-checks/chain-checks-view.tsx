'use client';

import { CheckCircleOutlined, ExclamationCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { busy } from '@/app/_components/busy';
import { MutationForm, useMutationForm } from '@/app/_components/mutation-form';
import { PageHead } from '@/app/_components/page-head';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { acknowledgeChainAlertInput, type AcknowledgeChainAlertInput } from '@/server/archive/schemas';
import { TextAreaField } from '../../_components/text-area-field';
import { useDates } from '../../_components/use-dates';

type Overview = RouterOutputs['archive']['chainChecks'];
type Run = Overview['runs'][number];
type ChainAlert = Overview['alerts'][number];

/**
 * 台账校验 (ADMIN): every building's ledger verified on a schedule, the passes so far, and the
 * alerts a broken chain raised, each to be acknowledged with what was done about it.
 */
export function ChainChecksView({ initialData }: { initialData: Overview }) {
  const t = useTranslations('chainChecks');
  const dates = useDates();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const text = useErrorText();
  const { data = initialData } = useQuery(
    trpc.archive.chainChecks.queryOptions(undefined, {
      initialData,
      // While a pass runs, its progress shows
      refetchInterval: (query) => (query.state.data?.runs.some((run) => run.finishedAt === null) ? 2000 : false),
    }),
  );
  const start = useMutation(
    trpc.archive.startChainCheck.mutationOptions({
      onSuccess: () => {
        void message.success(t('started'));
        void queryClient.invalidateQueries(trpc.archive.pathFilter());
      },
      onError: (error) => void message.error(text.fromError(error)),
    }),
  );
  const running = data.runs.some((run) => run.finishedAt === null);
  const open = data.alerts.filter((alert) => alert.clearedAt === null);

  const runColumns: TableColumnsType<Run> = [
    { key: 'startedAt', title: t('runs.startedAt'), render: (_, run) => dates.time(run.startedAt) },
    { key: 'trigger', title: t('runs.trigger'), render: (_, run) => (run.trigger === 'ADMIN' ? t('runs.byAdmin', { name: run.requestedBy?.name ?? '—' }) : t('runs.bySchedule')) },
    { key: 'checked', title: t('runs.checked'), render: (_, run) => t('runs.checkedValue', { checked: run.checked, total: run.total }) },
    { key: 'events', title: t('runs.events'), dataIndex: 'events' },
    { key: 'result', title: t('runs.result'), render: (_, run) => <RunResult run={run} /> },
  ];

  return (
    <>
      <PageHead
        title={t('title')}
        hint={data.schedule.everyHours > 0 ? t('hint', { hours: data.schedule.everyHours }) : t('hintOff')}
        action={
          <Button type="primary" icon={<SyncOutlined aria-hidden />} loading={busy(start.isPending)} disabled={running} onClick={() => start.mutate()}>
            {t('runNow')}
          </Button>
        }
      >
        <p className="bl-hint">
          {t('coverage', { buildings: data.buildings, never: data.neverChecked })}
          {data.schedule.nextDue && <> {t('nextDue', { time: dates.time(data.schedule.nextDue) })}</>}
        </p>
      </PageHead>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 className="bl-card-title">{t('alerts.title')}</h2>}>
          {open.length === 0 ? (
            <Alert type="success" showIcon icon={<CheckCircleOutlined aria-hidden />} title={t('alerts.none')} />
          ) : (
            <Alert type="error" showIcon title={t('alerts.open', { count: open.length })} style={{ marginBottom: 12 }} />
          )}
          {data.alerts.length > 0 && (
            <ul className="bl-documents" aria-label={t('alerts.title')} style={{ marginTop: 12 }}>
              {data.alerts.map((alert) => (
                <AlertItem key={alert.id} alert={alert} />
              ))}
            </ul>
          )}
        </Card>
        <Card title={<h2 className="bl-card-title">{t('runs.title')}</h2>} styles={{ body: { padding: 0 } }}>
          <Table<Run> rowKey="id" columns={runColumns} dataSource={data.runs} pagination={false} size="small" scroll={{ x: true }} locale={{ emptyText: t('runs.none') }} />
        </Card>
      </Space>
    </>
  );
}

function RunResult({ run }: { run: Run }) {
  const t = useTranslations('chainChecks.runs');
  if (run.error) return <Tag color="warning">{t('failed', { error: run.error })}</Tag>;
  if (run.finishedAt === null) return <Tag color="processing" icon={<SyncOutlined spin aria-hidden />}>{t('running')}</Tag>;
  if (run.broken > 0) return <Tag color="error" icon={<ExclamationCircleOutlined aria-hidden />}>{t('broken', { count: run.broken })}</Tag>;
  return <Tag color="success" icon={<CheckCircleOutlined aria-hidden />}>{t('allWhole')}</Tag>;
}

function AlertItem({ alert }: { alert: ChainAlert }) {
  const t = useTranslations('chainChecks.alerts');
  const dates = useDates();
  const { building } = alert;
  return (
    <li>
      <div>
        <Link href={`/buildings/${building.id}`}>
          {building.project.name} · {building.name}
        </Link>{' '}
        <span className="bl-mono">{building.code}</span>{' '}
        {alert.clearedAt ? <Tag color="success">{t('cleared', { time: dates.time(alert.clearedAt) })}</Tag> : <Tag color="error">{t('brokenAt', { seq: alert.brokenAt })}</Tag>}
      </div>
      <div className="bl-hint" style={{ margin: 0 }}>
        {t('raised', { time: dates.time(alert.raisedAt) })} {alert.runId ? t('foundByRun') : t('foundOnDemand')}
      </div>
      <div className="bl-hint" style={{ margin: 0 }}>
        {t('reason')} <code>{alert.reason}</code>
      </div>
      {alert.acknowledgedAt ? (
        <div className="bl-hint" style={{ margin: 0 }}>
          {t('acknowledged', { name: alert.acknowledgedBy?.name ?? '—', time: dates.time(alert.acknowledgedAt), note: alert.acknowledgement ?? '' })}
        </div>
      ) : (
        <AcknowledgeForm alertId={alert.id} />
      )}
    </li>
  );
}

function AcknowledgeForm({ alertId }: { alertId: string }) {
  const t = useTranslations('chainChecks.alerts');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const acknowledge = useMutation(trpc.archive.acknowledgeChainAlert.mutationOptions());
  const { form, onSubmit } = useMutationForm(acknowledgeChainAlertInput, { alertId, note: '' } satisfies AcknowledgeChainAlertInput, async (values) => {
    await acknowledge.mutateAsync(values);
    void message.success(t('acknowledgeDone'));
    await queryClient.invalidateQueries(trpc.archive.pathFilter());
  });
  return (
    <MutationForm label={t('acknowledgeLabel')} onSubmit={onSubmit} serverError={text.field(form.formState.errors.root?.server)} style={{ marginTop: 8 }}>
      <TextAreaField control={form.control} name="note" id={`ack-${alertId}`} label={t('note')} required placeholder={t('notePlaceholder')} autoSize={{ minRows: 2 }} />
      <Button htmlType="submit" loading={busy(form.formState.isSubmitting)}>
        {t('acknowledge')}
      </Button>
    </MutationForm>
  );
}
