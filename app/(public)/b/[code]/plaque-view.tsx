'use client';

import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Table, Tag, type DescriptionsProps, type TableColumnsType } from 'antd';
import { useFormatter, useTranslations } from 'next-intl';
import { TermsTable } from '@/app/(app)/warranty/terms-table';
import { LocaleSwitcher } from '@/app/_components/locale-switcher';
import type { PlaqueParty, PublicBuildingRecord } from '@/server/plaque/service';

/** A calendar date (YYYY-MM-DD) as a Date at UTC midnight, to be formatted in UTC. */
const calendarDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export function PlaqueView({ record }: { record: PublicBuildingRecord }) {
  const t = useTranslations('plaque');
  const tp = useTranslations('parties');
  const format = useFormatter();
  const { project, building, parties, chain } = record;

  const dateText = (isoDate: string) => format.dateTime(calendarDate(isoDate), { dateStyle: 'long', timeZone: 'UTC' });
  const floors = [
    building.floorsAbove ? t('floorsAbove', { count: building.floorsAbove }) : null,
    building.floorsBelow ? t('floorsBelow', { count: building.floorsBelow }) : null,
  ].filter((part): part is string => part !== null);

  const facts: DescriptionsProps['items'] = [
    { key: 'project', label: t('project'), children: project.name },
    { key: 'building', label: t('building'), children: building.name },
    { key: 'code', label: t('buildingCode'), children: <span className="bl-mono">{building.code}</span> },
    { key: 'address', label: t('address'), children: building.address ?? project.address },
    ...(building.structureType ? [{ key: 'structure', label: t('structureType'), children: building.structureType }] : []),
    ...(floors.length > 0 ? [{ key: 'floors', label: t('floors'), children: format.list(floors, { type: 'conjunction' }) }] : []),
    ...(building.grossArea
      ? [{ key: 'area', label: t('grossArea'), children: t('grossAreaValue', { area: format.number(Number(building.grossArea), { maximumFractionDigits: 2 }) }) }]
      : []),
    { key: 'life', label: t('designLife'), children: t('designLifeValue', { years: building.designWorkingLifeYears }) },
    {
      key: 'completed',
      label: t('completedOn'),
      children: building.completedOn ? dateText(building.completedOn) : <span className="bl-plaque-muted">{t('notCompleted')}</span>,
    },
  ];

  const unregistered = <span className="bl-plaque-muted">{t('parties.unregistered')}</span>;
  const columns: TableColumnsType<PlaqueParty> = [
    { key: 'role', title: t('parties.role'), width: '6.5em', render: (_, party) => <strong>{tp(party.role)}</strong> },
    { key: 'organization', title: t('parties.organization'), render: (_, party) => party.organizationName ?? unregistered },
    {
      key: 'leader',
      title: t('parties.leader'),
      width: '8.5em',
      render: (_, party) => (
        <>
          <span className="bl-plaque-leader-title">{party.leaderTitle}</span>
          <span className="bl-plaque-leader-name">{party.leaderName ?? unregistered}</span>
        </>
      ),
    },
  ];

  return (
    <div className="bl-plaque-page">
      <header className="bl-plaque-top">
        <span className="bl-plaque-brand">{t('brand')}</span>
        <LocaleSwitcher size="small" />
      </header>
      <main className="bl-plaque-main" id="main">
        <div className="bl-plaque-head">
          <p className="bl-plaque-kicker">{t('heading')}</p>
          <h1>{project.name}</h1>
          <p className="bl-plaque-sub">
            {building.name} <span className="bl-mono">{building.code}</span>
          </p>
        </div>
        <p className="bl-hint bl-plaque-intro">{t('intro')}</p>

        <section aria-labelledby="plaque-facts">
          <Card title={<h2 id="plaque-facts">{t('facts')}</h2>} size="small">
            <Descriptions items={facts} column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }} />
          </Card>
        </section>

        <section aria-labelledby="plaque-parties">
          <Card title={<h2 id="plaque-parties">{t('parties.title')}</h2>} size="small" styles={{ body: { padding: 0 } }}>
            <Table<PlaqueParty>
              rowKey="role"
              columns={columns}
              dataSource={parties}
              pagination={false}
              size="small"
              tableLayout="fixed"
            />
          </Card>
        </section>

        <section aria-labelledby="plaque-warranty">
          <Card title={<h2 id="plaque-warranty">{t('warranty.title')}</h2>} size="small">
            {record.warranty && building.completedOn ? (
              <>
                <p className="bl-hint" style={{ marginTop: 0 }}>
                  {t('warranty.hint', { date: dateText(building.completedOn) })}
                </p>
                <TermsTable terms={record.warranty} label={t('warranty.title')} />
              </>
            ) : (
              <p className="bl-plaque-muted" style={{ margin: 0 }}>
                {t('warranty.pending')}
              </p>
            )}
          </Card>
        </section>

        <section aria-labelledby="plaque-chain">
          <Card title={<h2 id="plaque-chain">{t('chain.title')}</h2>} size="small">
            {chain.ok ? (
              <Alert
                type="success"
                showIcon
                icon={<CheckCircleFilled aria-hidden />}
                title={<strong>{t('chain.verified')}</strong>}
                description={t('chain.verifiedDescription', { count: chain.length })}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                icon={<CloseCircleFilled aria-hidden />}
                title={<strong>{t('chain.broken')}</strong>}
                description={t('chain.brokenDescription', { seq: chain.brokenAt })}
              />
            )}
            <dl className="bl-facts bl-plaque-chain">
              <dt>{chain.ok ? t('chain.length') : t('chain.verifiedLength')}</dt>
              <dd>{chain.length}</dd>
              {chain.ok ? (
                <>
                  <dt>{t('chain.head')}</dt>
                  <dd className="bl-mono bl-plaque-hash">{chain.head}</dd>
                </>
              ) : (
                <>
                  <dt>{t('chain.brokenAt')}</dt>
                  <dd>
                    <Tag color="error">{t('chain.brokenAtValue', { seq: chain.brokenAt })}</Tag>
                  </dd>
                </>
              )}
              <dt>{t('chain.verifiedAt')}</dt>
              <dd>
                <time dateTime={chain.verifiedAt.toISOString()}>
                  {format.dateTime(chain.verifiedAt, { dateStyle: 'medium', timeStyle: 'medium' })}
                </time>
              </dd>
            </dl>
            <p style={{ margin: 0 }}>
              <a href="/api/ledger/public-key?format=pem" download>
                <DownloadOutlined aria-hidden /> {t('chain.publicKey')}
              </a>
              <br />
              <span className="bl-hint">{t('chain.publicKeyHint')}</span>
            </p>
          </Card>
        </section>

        <p className="bl-hint bl-plaque-privacy">{t('privacy')}</p>
      </main>
    </div>
  );
}
