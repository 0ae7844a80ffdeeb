'use client';

import { BankOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Tag } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { RouterOutputs } from '@/app/_trpc/client';
import { LotCounts } from './lots/[id]/lot-status';

export type HomeMode = 'admin' | 'inspector' | 'party' | 'homeowner';
type Project = RouterOutputs['projects']['list'][number];
type Me = RouterOutputs['me']['get'];
type LotCountsOf = RouterOutputs['inspections']['progress']['total'];

export function HomeView({ mode, me, projects, progress }: { mode: HomeMode; me: Me; projects: Project[]; progress: Record<string, LotCountsOf> }) {
  const t = useTranslations('home');
  const ti = useTranslations('inspections');
  const tn = useTranslations('nav');
  const tp = useTranslations('parties');
  const tc = useTranslations('common');
  const format = useFormatter();
  // The 建设单位 registers its projects: anyone in an enterprise, and ADMIN.
  const canRegister = mode === 'admin' || me.organizations.some((o) => o.kind === 'ENTERPRISE');

  return (
    <>
      <div className="bl-page-head">
        <div>
          <h1>{t(`headings.${mode}`)}</h1>
          <p className="bl-hint">{t(`hints.${mode}`)}</p>
        </div>
        {canRegister && (
          <Space wrap size="middle">
            {canRegister && (
              <Link href="/projects/new">
                <PlusOutlined aria-hidden /> {t('registerProject')}
              </Link>
            )}
            {mode === 'admin' && (
              <nav aria-label={t('adminLinks')}>
                <Space wrap size="middle">
                  <Link href="/admin/organizations">
                    <BankOutlined aria-hidden /> {tn('organizations')}
                  </Link>
                  <Link href="/admin/users">
                    <TeamOutlined aria-hidden /> {tn('users')}
                  </Link>
                </Space>
              </nav>
            )}
          </Space>
        )}
      </div>

      <p style={{ marginTop: 0 }}>
        {t('welcome', { name: me.name })}
        {me.organizations.length > 0 && (
          <span style={{ color: 'var(--bl-muted)' }}>
            {' · '}
            {format.list(
              me.organizations.map((o) => (o.title ? tc('withNote', { name: o.name, note: o.title }) : o.name)),
              { type: 'conjunction' },
            )}
          </span>
        )}
      </p>

      {projects.length === 0 ? (
        <Card>
          <Empty description={t(`empty.${mode}`)} />
        </Card>
      ) : (
        <div className="bl-project-list">
          {projects.map((project) => (
            <section key={project.id} aria-labelledby={`project-${project.id}`}>
            <Card
              title={
                <h2 id={`project-${project.id}`} style={{ margin: 0, fontSize: 17, whiteSpace: 'normal' }}>
                  {mode === 'homeowner' ? project.name : <Link href={`/projects/${project.id}`}>{project.name}</Link>}
                </h2>
              }
              styles={{ header: { paddingBlock: 12 } }}
            >
              <dl className="bl-facts">
                <dt>{t('projectCode')}</dt>
                <dd className="bl-mono">{project.code}</dd>
                <dt>{t('address')}</dt>
                <dd>{project.address}</dd>
                <dt>{t('regionCode')}</dt>
                <dd className="bl-mono">{project.regionCode}</dd>
                {project.myParties.length > 0 && (
                  <>
                    <dt>{t('myParties')}</dt>
                    <dd>
                      {project.myParties.map((role) => (
                        <Tag key={role} color="blue">
                          {tp(role)}
                        </Tag>
                      ))}
                    </dd>
                  </>
                )}
              </dl>
              <h3 style={{ fontSize: 15, margin: '0 0 4px' }}>{t('buildings')}</h3>
              {project.buildings.length === 0 ? (
                <p className="bl-hint">{t('noBuildings')}</p>
              ) : (
                <ul className="bl-buildings">
                  {project.buildings.map((building) => (
                    <li key={building.id}>
                      <span>
                        {mode === 'homeowner' ? (
                          <span className="bl-building-name">{building.name}</span>
                        ) : (
                          <Link href={`/buildings/${building.id}`} className="bl-building-name">
                            {building.name}
                          </Link>
                        )}{' '}
                        <span className="bl-building-code" title={t('buildingCode')}>
                          {building.code}
                        </span>
                      </span>
                      <Link
                        href={`/b/${encodeURIComponent(building.code)}`}
                        prefetch={false}
                        aria-label={t('publicPageOf', { name: building.name })}
                      >
                        {t('publicPage')}
                      </Link>
                      {progress[building.id] && (
                        <div className="bl-building-progress">
                          {Object.values(progress[building.id]!).some((n) => n > 0) ? (
                            <LotCounts counts={progress[building.id]!} label={building.name} />
                          ) : (
                            <span className="bl-hint">{ti('empty')}</span>
                          )}
                          <Link href={`/buildings/${building.id}/inspections`} aria-label={t('inspectionsOf', { name: building.name })}>
                            {ti('title')}
                          </Link>
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
