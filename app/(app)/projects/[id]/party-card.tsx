'use client';

import { EditOutlined, SwapOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Modal, Popconfirm, Tag, Typography } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC } from '@/app/_trpc/client';
import { useDates } from '../../_components/use-dates';
import { AddStaffForm, AppointLeaderForm, AssignPartyForm, ChangeLeaderForm, CorrectLeaderForm } from './party-forms';
import type { ProjectData } from './project-view';

export type Party = ProjectData['parties'][number];
type Dialog = 'appoint' | 'change' | 'correct' | 'staff' | null;

/** One of the five parties: its organization, its 项目负责人 (now and before) and its staff. */
export function PartyCard({
  projectId,
  party,
  organizations,
  canManage,
}: {
  projectId: string;
  party: Party;
  organizations: ProjectData['organizations'];
  canManage: boolean;
}) {
  const t = useTranslations('partyCard');
  const tp = useTranslations('parties');
  const tl = useTranslations('partyLeaders');
  const tpos = useTranslations('positions');
  const dates = useDates();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const { role, organization, leader, staff, formerLeaders, candidates, permissions } = party;
  const headingId = `party-${role}`;
  const leaderTitle = tl(role);
  const canStaff = permissions.canStaff && organization !== null;

  const dialogTitle =
    dialog === 'appoint'
      ? t('appointTitle', { title: leaderTitle })
      : dialog === 'change'
        ? t('changeTitle', { title: leaderTitle })
        : dialog === 'correct'
          ? t('correctTitle', { name: leader?.name ?? '' })
          : dialog === 'staff'
            ? t('staffTitle', { party: tp(role) })
            : '';

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <h3 id={headingId} style={{ margin: 0, fontSize: 17 }}>
            {tp(role)}
          </h3>
        }
        extra={<Tag color="blue" style={{ marginInlineEnd: 0 }}>{leaderTitle}</Tag>}
        styles={{ header: { paddingBlock: 12 } }}
      >
        <dl className="bl-facts">
          <dt>{t('organization')}</dt>
          <dd>{organization ? organization.name : <Typography.Text type="warning">{t('noOrganization')}</Typography.Text>}</dd>
          {organization && (
            <>
              <dt>{t('creditCode')}</dt>
              <dd className="bl-mono">{organization.creditCode}</dd>
              <dt>{t('legalRepresentative')}</dt>
              <dd>
                {organization.legalRepresentative ?? (
                  <Typography.Text type="warning">{t('noLegalRepresentative')}</Typography.Text>
                )}
              </dd>
            </>
          )}
          <dt>{leaderTitle}</dt>
          <dd>{leader ? <strong>{leader.name}</strong> : <Typography.Text type="warning">{t('noLeader')}</Typography.Text>}</dd>
          {leader && (
            <>
              <dt>{t('idNumber')}</dt>
              <dd className="bl-mono">{leader.idNumberMasked ?? '—'}</dd>
              <dt>{t('qualification')}</dt>
              <dd>
                {leader.qualificationType ?? '—'}
                {leader.qualificationNo ? (
                  <>
                    {' '}
                    <span className="bl-mono">{leader.qualificationNo}</span>
                  </>
                ) : null}
              </dd>
              <dt>{t('since')}</dt>
              <dd>{dates.day(leader.startedAt)}</dd>
            </>
          )}
        </dl>

        {!organization && canManage && (
          <AssignPartyForm projectId={projectId} role={role} partyName={tp(role)} organizations={organizations} />
        )}

        {canStaff && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
            {leader ? (
              <>
                <Button icon={<SwapOutlined aria-hidden />} onClick={() => setDialog('change')}>
                  {t('change')}
                </Button>
                <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('correct')}>
                  {t('correct')}
                </Button>
              </>
            ) : (
              <Button type="primary" icon={<UserOutlined aria-hidden />} onClick={() => setDialog('appoint')}>
                {t('appoint')}
              </Button>
            )}
            <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setDialog('staff')}>
              {t('addStaff')}
            </Button>
          </div>
        )}

        <h4 style={{ fontSize: 15, margin: '8px 0 4px' }}>{t('staffHeading')}</h4>
        {staff.length === 0 ? (
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('noStaff')}
          </p>
        ) : (
          <ul className="bl-buildings" aria-label={t('staffListLabel', { party: tp(role) })}>
            {staff.map((member) => (
              <li key={member.memberId}>
                <span>
                  <span className="bl-building-name">{member.name}</span>{' '}
                  <span style={{ color: 'var(--bl-muted)' }}>{member.title ?? ''}</span>{' '}
                  {member.position && <Tag>{tpos(member.position)}</Tag>}
                  <span className="bl-building-code">{t('sinceDate', { date: dates.day(member.startedAt) })}</span>
                </span>
                {canStaff && <EndStaffButton memberId={member.memberId} name={member.name} />}
              </li>
            ))}
          </ul>
        )}

        {formerLeaders.length > 0 && (
          <>
            <h4 style={{ fontSize: 15, margin: '12px 0 4px' }}>{t('formerLeadersHeading')}</h4>
            <p className="bl-hint" style={{ marginTop: 0 }}>
              {t('formerLeadersHint')}
            </p>
            <ul className="bl-buildings" aria-label={t('formerLeadersLabel', { party: tp(role) })}>
              {formerLeaders.map((former) => (
                <li key={former.memberId}>
                  <span className="bl-building-name">{former.name}</span>
                  <span className="bl-building-code">
                    {t('period', { from: dates.day(former.startedAt), to: dates.day(former.endedAt) })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Modal open={dialog !== null} title={dialogTitle} footer={null} onCancel={close} destroyOnHidden width={560}>
        {dialog === 'appoint' && <AppointLeaderForm projectId={projectId} party={party} onDone={close} />}
        {dialog === 'change' && <ChangeLeaderForm projectId={projectId} party={party} onDone={close} />}
        {dialog === 'correct' && leader && <CorrectLeaderForm party={party} onDone={close} />}
        {dialog === 'staff' && <AddStaffForm projectId={projectId} party={party} candidates={candidates} onDone={close} />}
      </Modal>
    </section>
  );
}

/** 结束: the person leaves the project; the seat's record (and what they signed) stays. */
function EndStaffButton({ memberId, name }: { memberId: string; name: string }) {
  const t = useTranslations('partyCard');
  const tc = useTranslations('common');
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const end = useMutation(trpc.parties.endStaff.mutationOptions());
  return (
    <Popconfirm
      title={t('endConfirm', { name })}
      okText={t('end')}
      cancelText={tc('cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        try {
          await end.mutateAsync({ memberId });
          message.success(t('ended', { name }));
          await queryClient.invalidateQueries(trpc.projects.pathFilter());
        } catch (error) {
          message.error(text.fromError(error));
        }
      }}
    >
      <Button size="small" danger aria-label={t('endLabel', { name })}>
        {t('end')}
      </Button>
    </Popconfirm>
  );
}
