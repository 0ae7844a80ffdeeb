'use client';

import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useDates } from '../../_components/use-dates';
import { BuildingForm } from './building-form';
import { PartyCard } from './party-card';

export type ProjectData = RouterOutputs['projects']['get'];
type Change = ProjectData['changes'][number];

export function ProjectView({ initialData }: { initialData: ProjectData }) {
  const t = useTranslations('project');
  const tp = useTranslations('parties');
  const dates = useDates();
  const trpc = useTRPC();
  const projectId = initialData.project.id;
  const { data = initialData } = useQuery(trpc.projects.get.queryOptions({ projectId }, { initialData }));
  const { project, parties, changes, buildings, organizations, permissions } = data;
  const [addingBuilding, setAddingBuilding] = useState(false);

  const changeColumns: TableColumnsType<Change> = [
    { key: 'role', title: t('changeParty'), dataIndex: 'role', render: (role: Change['role']) => tp(role) },
    { key: 'from', title: t('changeFrom'), dataIndex: 'fromName' },
    { key: 'to', title: t('changeTo'), dataIndex: 'toName' },
    { key: 'reason', title: t('changeReason'), dataIndex: 'reason' },
    { key: 'effectiveOn', title: t('changeEffectiveOn'), dataIndex: 'effectiveOn', render: (d: Change['effectiveOn']) => dates.day(d) },
    { key: 'approvedBy', title: t('changeApprovedBy'), dataIndex: 'approvedBy' },
    { key: 'createdAt', title: t('changeRecordedAt'), dataIndex: 'createdAt', render: (d: Change['createdAt']) => dates.time(d) },
  ];

  return (
    <>
      <PageHead title={project.name} hint={t('hint')}>
        <dl className="bl-facts" style={{ marginTop: 8 }}>
          <dt>{t('code')}</dt>
          <dd className="bl-mono">{project.code}</dd>
          <dt>{t('address')}</dt>
          <dd>{project.address}</dd>
          <dt>{t('regionCode')}</dt>
          <dd className="bl-mono">{project.regionCode}</dd>
        </dl>
      </PageHead>

      <section aria-labelledby="parties-heading" style={{ marginBottom: 24 }}>
        <h2 id="parties-heading" style={{ fontSize: 18, margin: '0 0 4px' }}>
          {t('partiesTitle')}
        </h2>
        <p className="bl-hint" style={{ marginBottom: 12 }}>
          {t('partiesHint')}
        </p>
        <div className="bl-project-list">
          {parties.map((party) => (
            <PartyCard
              key={party.role}
              projectId={project.id}
              party={party}
              organizations={organizations}
              canManage={permissions.canManage}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="buildings-heading" style={{ marginBottom: 24 }}>
        <Card
          title={
            <h2 id="buildings-heading" style={{ fontSize: 18, margin: 0 }}>
              {t('buildingsTitle')}
            </h2>
          }
          extra={
            permissions.canManage ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAddingBuilding(true)}>
                {t('addBuilding')}
              </Button>
            ) : null
          }
        >
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('buildingsHint')}
          </p>
          {buildings.length === 0 ? (
            <Empty description={t('noBuildings')} />
          ) : (
            <ul className="bl-buildings" aria-label={t('buildingsTitle')}>
              {buildings.map((building) => (
                <li key={building.id}>
                  <span>
                    <Link href={`/buildings/${building.id}`} className="bl-building-name">
                      {building.name}
                    </Link>{' '}
                    <span className="bl-building-code">{building.code}</span>
                  </span>
                  <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                    {building.ready ? (
                      <Tag color="success">{t('gateReady')}</Tag>
                    ) : (
                      <Tag color="warning">{t('gateMissing', { count: building.missing })}</Tag>
                    )}
                    {building.supervisionRegisteredAt ? (
                      <Tag color="blue">{t('supervisionRegistered', { date: dates.day(building.supervisionRegisteredAt) })}</Tag>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>

      <section aria-labelledby="changes-heading">
        <Card
          title={
            <h2 id="changes-heading" style={{ fontSize: 18, margin: 0 }}>
              {t('changesTitle')}
            </h2>
          }
        >
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('changesHint')}
          </p>
          <div className="bl-table-wrap">
            <Table<Change>
              rowKey="id"
              columns={changeColumns}
              dataSource={changes}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('noChanges') }}
              size="middle"
            />
          </div>
        </Card>
      </section>

      <Modal
        open={addingBuilding}
        title={t('addBuildingTitle')}
        footer={null}
        onCancel={() => setAddingBuilding(false)}
        destroyOnHidden
        width={640}
      >
        <BuildingForm projectId={project.id} defaultAddress={project.address} onDone={() => setAddingBuilding(false)} />
      </Modal>
    </>
  );
}
