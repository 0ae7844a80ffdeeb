'use client';

import { AuditOutlined, CheckCircleOutlined, DownloadOutlined, ExclamationCircleOutlined, ExperimentOutlined, FileProtectOutlined, FlagOutlined, LinkOutlined, SafetyOutlined, ToolOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { busy } from '@/app/_components/busy';
import { PageHead } from '@/app/_components/page-head';
import { SuspensionAlert } from '@/app/(app)/_components/suspension-alert';
import { useErrorText } from '@/app/_components/use-error-text';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { OriginalUpload } from '../../_components/original-upload';
import { useDates } from '../../_components/use-dates';
import { ArchiveHandover } from './archive-handover';

type BuildingData = RouterOutputs['projects']['building'];
type Gate = NonNullable<BuildingData['gate']>;
type RoleGate = Gate['roles'][number];
type Missing = RoleGate['missing'][number];

export function BuildingView({ initialData }: { initialData: BuildingData }) {
  const t = useTranslations('building');
  const tm = useTranslations('materials');
  const dates = useDates();
  const trpc = useTRPC();
  const buildingId = initialData.building.id;
  const { data = initialData } = useQuery(trpc.projects.building.queryOptions({ buildingId }, { initialData }));
  const { building, project, gate, chain, permissions } = data;

  return (
    <>
      <PageHead
        title={building.name}
        hint={
          <>
            <Link href={`/projects/${project.id}`}>{project.name}</Link>
            <span className="bl-mono" style={{ marginInlineStart: 8 }}>
              {building.code}
            </span>
          </>
        }
        action={
          <Space wrap size={[16, 4]}>
            {/* Inspection, material and supervision records are read by those who read the pledges (parties, inspectors, ADMIN). */}
            {gate && (
              <>
                <Link href={`/buildings/${building.id}/inspections`} className="bl-touch-link">
                  <AuditOutlined aria-hidden /> {t('inspections')}
                </Link>
                <Link href={`/buildings/${building.id}/materials`} className="bl-touch-link">
                  <ExperimentOutlined aria-hidden /> {tm('title')}
                </Link>
                <Link href={`/buildings/${building.id}/supervision`} className="bl-touch-link">
                  <SafetyOutlined aria-hidden /> {t('supervision')}
                </Link>
                <Link href={`/buildings/${building.id}/milestones`} className="bl-touch-link">
                  <FlagOutlined aria-hidden /> {t('milestones')}
                </Link>
              </>
            )}
            {/* Warranty: also for the building's homeowners (their own units only). */}
            <Link href={`/buildings/${building.id}/warranty`} className="bl-touch-link">
              <ToolOutlined aria-hidden /> {t('warranty')}
            </Link>
            <Link href={`/b/${encodeURIComponent(building.code)}`} prefetch={false} className="bl-touch-link">
              <LinkOutlined aria-hidden /> {t('publicPage')}
            </Link>
          </Space>
        }
      />

      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <SuspensionAlert buildingId={building.id} suspensions={data.suspensions} />
        <Card title={<h2 className="bl-card-title">{t('factsTitle')}</h2>}>
          <dl className="bl-facts" style={{ marginBottom: 0 }}>
            <dt>{t('code')}</dt>
            <dd className="bl-mono">{building.code}</dd>
            <dt>{t('address')}</dt>
            <dd>{building.address ?? '—'}</dd>
            <dt>{t('structureType')}</dt>
            <dd>{building.structureType ?? '—'}</dd>
            <dt>{t('floors')}</dt>
            <dd>
              {building.floorsAbove === null ? '—' : t('floorsValue', { above: building.floorsAbove, below: building.floorsBelow ?? 0 })}
            </dd>
            <dt>{t('grossArea')}</dt>
            <dd>{building.grossArea === null ? '—' : t('grossAreaValue', { area: String(building.grossArea) })}</dd>
            <dt>{t('designWorkingLife')}</dt>
            <dd>{t('yearsValue', { years: building.designWorkingLifeYears })}</dd>
            <dt>{t('plannedStartOn')}</dt>
            <dd>{dates.day(building.plannedStartOn)}</dd>
            <dt>{t('plannedCompletionOn')}</dt>
            <dd>{dates.day(building.plannedCompletionOn)}</dd>
            <dt>{t('completedOn')}</dt>
            <dd>{building.completedOn ? dates.day(building.completedOn) : t('notCompleted')}</dd>
          </dl>
        </Card>

        {gate ? (
          <GateCard buildingId={building.id} projectId={project.id} gate={gate} />
        ) : (
          <Card title={<h2 className="bl-card-title">{t('gateTitle')}</h2>}>
            <p className="bl-hint" style={{ margin: 0 }}>
              {t('gateHidden')}
            </p>
          </Card>
        )}

        <SupervisionCard
          buildingId={building.id}
          registeredAt={building.supervisionRegisteredAt}
          ready={gate?.ready ?? false}
          canRegister={permissions.canRegisterSupervision}
        />

        {permissions.canDownloadPlaque && (
          <Card title={<h2 className="bl-card-title">{t('plaqueTitle')}</h2>}>
            <p className="bl-hint" style={{ marginTop: 0 }}>
              {t('plaqueHint')}
            </p>
            <Space wrap>
              <Button href={`/api/buildings/${building.id}/plaque?format=pdf`} icon={<DownloadOutlined aria-hidden />}>
                {t('plaquePdf')}
              </Button>
              <Button href={`/api/buildings/${building.id}/plaque?format=svg`} icon={<DownloadOutlined aria-hidden />}>
                {t('plaqueSvg')}
              </Button>
            </Space>
          </Card>
        )}

        <Card title={<h2 className="bl-card-title">{t('chainTitle')}</h2>} extra={<RecheckChainButton buildingId={building.id} />}>
          {chain.ok ? (
            <Tag color="success" icon={<CheckCircleOutlined aria-hidden />}>
              {t('chainOk')}
            </Tag>
          ) : (
            <Tag color="error" icon={<ExclamationCircleOutlined aria-hidden />}>
              {t('chainBroken')}
            </Tag>
          )}
          <dl className="bl-facts" style={{ marginTop: 12, marginBottom: 0 }}>
            <dt>{chain.ok ? t('chainLength') : t('chainVerifiedLength')}</dt>
            <dd>{chain.length}</dd>
            {chain.ok ? (
              <>
                <dt>{t('chainHead')}</dt>
                <dd>
                  <code className="bl-hash">{chain.head || '—'}</code>
                </dd>
              </>
            ) : (
              <>
                <dt>{t('chainBrokenAt')}</dt>
                <dd>{t('chainBrokenAtValue', { seq: chain.brokenAt })}</dd>
              </>
            )}
            <dt>{t('chainVerifiedAt')}</dt>
            <dd>{dates.time(chain.checkedAt)}</dd>
          </dl>
          {permissions.canExportArchive && (
            <p className="bl-hint" style={{ marginBottom: 0 }}>
              {t('archiveHint')}
            </p>
          )}
          <Space wrap style={{ marginTop: 12 }}>
            {permissions.canExportArchive && (
              <Button type="primary" href={`/api/buildings/${building.id}/archive`} icon={<DownloadOutlined aria-hidden />}>
                {t('archiveDownload')}
              </Button>
            )}
            <Button href="/api/ledger/public-key?format=pem" icon={<DownloadOutlined aria-hidden />}>
              {t('publicKey')}
            </Button>
          </Space>
          {permissions.canExportArchive && <ArchiveHandover buildingId={building.id} canHandOver={permissions.canHandOverArchive} />}
        </Card>
      </Space>
    </>
  );
}

/** Verifies the chain again now (the card shows a verdict up to a few minutes old). */
function RecheckChainButton({ buildingId }: { buildingId: string }) {
  const t = useTranslations('building');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const text = useErrorText();
  const recheck = useMutation(
    trpc.archive.recheckChain.mutationOptions({
      onSuccess: (chain) => {
        queryClient.setQueryData(trpc.projects.building.queryKey({ buildingId }), (old) => (old ? { ...old, chain } : old));
        void message.success(chain.ok ? t('chainRecheckedOk') : t('chainRecheckedBroken'));
      },
      onError: (error) => void message.error(text.fromError(error)),
    }),
  );
  return (
    <Button size="small" loading={recheck.isPending} onClick={() => recheck.mutate({ buildingId })}>
      {t('chainRecheck')}
    </Button>
  );
}

/** 质量终身责任承诺: per party, what the building still waits for, and the signed documents. */
function GateCard({ buildingId, projectId, gate }: { buildingId: string; projectId: string; gate: Gate }) {
  const t = useTranslations('building');
  const missingCount = gate.roles.filter((r) => r.missing.length > 0).length;
  return (
    <Card
      title={<h2 className="bl-card-title">{t('gateTitle')}</h2>}
      extra={
        gate.ready ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('gateReady')}
          </Tag>
        ) : (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('gateMissing', { count: missingCount })}
          </Tag>
        )
      }
    >
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {gate.ready ? t('gateReadyHint') : t('gateHint')}
      </p>
      <div className="bl-gate-roles">
        {gate.roles.map((role) => (
          <RoleSection key={role.role} buildingId={buildingId} projectId={projectId} role={role} />
        ))}
      </div>
    </Card>
  );
}

function RoleSection({ projectId, role }: { buildingId: string; projectId: string; role: RoleGate }) {
  const t = useTranslations('building');
  const tp = useTranslations('parties');
  const tl = useTranslations('partyLeaders');
  const dates = useDates();
  const headingId = `gate-${role.role}`;
  const sentence = useMissingSentence();

  return (
    <section aria-labelledby={headingId} className="bl-gate-role">
      <h3 id={headingId} style={{ fontSize: 16, margin: '0 0 4px', display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <span>{tp(role.role)}</span>
        {role.missing.length === 0 ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('roleReady')}
          </Tag>
        ) : (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('roleMissing', { count: role.missing.length })}
          </Tag>
        )}
      </h3>
      <dl className="bl-facts">
        <dt>{t('organization')}</dt>
        <dd>{role.organizationName ?? '—'}</dd>
        <dt>{tl(role.role)}</dt>
        <dd>{role.leaderName ?? '—'}</dd>
      </dl>
      {role.missing.length > 0 && (
        <ul className="bl-missing" aria-label={t('missingLabel', { party: tp(role.role) })}>
          {role.missing.map((m) => (
            <li key={m}>
              <ExclamationCircleOutlined aria-hidden style={{ color: '#d48806', marginInlineEnd: 6 }} />
              {sentence(role, m)}
            </li>
          ))}
        </ul>
      )}
      {role.documents.length > 0 && (
        <ul className="bl-documents" aria-label={t('documentsLabel', { party: tp(role.role) })}>
          {role.documents.map((doc) => (
            <li key={doc.id}>
              <div>
                <FileProtectOutlined aria-hidden style={{ marginInlineEnd: 6 }} />
                <strong>{t(`kind.${doc.kind}`)}</strong> {doc.current && <Tag color="success">{t('current')}</Tag>}
                {doc.superseded && <Tag color="default">{t('superseded')}</Tag>}
                {doc.formerLeader && !doc.superseded && <Tag color="default">{t('formerLeader')}</Tag>}
              </div>
              <div className="bl-hint" style={{ margin: 0 }}>
                {t('signedBy', { name: doc.signerName, time: dates.time(doc.signedAt) })}
              </div>
              <div className="bl-hint" style={{ margin: 0 }}>
                {t('contentSha256')} <code className="bl-hash">{doc.contentSha256}</code>
              </div>
              <Space wrap size={[12, 4]}>
                <a href={`/api/pledge-documents/${doc.id}/pdf`}>{t('downloadPdf')}</a>
                <a href={`/api/pledge-documents/${doc.id}/json`}>{t('downloadJson')}</a>
                {doc.originals.map((original, i) => (
                  <span key={original.id}>
                    <a href={`/api/pledge-documents/${doc.id}/original-${original.id}`}>{t('original', { n: i + 1 })}</a>{' '}
                    {original.superseded && <Tag color="default">{t('superseded')}</Tag>}
                  </span>
                ))}
              </Space>
            </li>
          ))}
        </ul>
      )}
      {role.canAttachOriginal && role.leaderName && !role.missing.includes('authorization') && (
        <div style={{ marginTop: 8 }}>
          <OriginalUpload projectId={projectId} role={role.role} heading={t('uploadOriginal', { party: tp(role.role) })} />
        </div>
      )}
    </section>
  );
}

/** "施工单位项目经理 张三 尚未签署承诺书": what one party still owes, in plain words. */
function useMissingSentence() {
  const t = useTranslations('building.missing');
  const tp = useTranslations('parties');
  const tl = useTranslations('partyLeaders');
  return (role: RoleGate, missing: Missing): string => {
    const title = tl(role.role);
    const values = {
      party: tp(role.role),
      // "施工单位项目经理 张三", or the title alone while nobody holds it.
      who: role.leaderName ? `${title} ${role.leaderName}` : title,
      organization: role.organizationName ?? tp(role.role),
    };
    return t(missing, values);
  };
}

/** 质量监督登记: the 建设单位 registers the building with the 质监站 once the gate is open. */
function SupervisionCard({
  buildingId,
  registeredAt,
  ready,
  canRegister,
}: {
  buildingId: string;
  registeredAt: Date | string | null;
  ready: boolean;
  canRegister: boolean;
}) {
  const t = useTranslations('building');
  const dates = useDates();
  const text = useErrorText();
  const { message } = App.useApp();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const register = useMutation(trpc.projects.registerSupervision.mutationOptions());
  const [error, setError] = useState<string | undefined>();

  async function submit() {
    setError(undefined);
    try {
      await register.mutateAsync({ buildingId });
      message.success(t('registered'));
      await queryClient.invalidateQueries(trpc.projects.pathFilter());
    } catch (caught) {
      setError(text.fromError(caught));
    }
  }

  return (
    <Card title={<h2 className="bl-card-title">{t('supervisionTitle')}</h2>}>
      {registeredAt ? (
        <Alert type="success" showIcon title={t('registeredAt', { date: dates.time(registeredAt) })} />
      ) : (
        <>
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {!canRegister ? t('supervisionNotPermitted') : ready ? t('supervisionReady') : t('supervisionBlocked')}
          </p>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {canRegister && (
            <Button type="primary" size="large" disabled={!ready} loading={busy(register.isPending)} onClick={() => void submit()}>
              {t('register')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
