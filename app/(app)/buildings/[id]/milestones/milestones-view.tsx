'use client';

import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { useDates } from '@/app/(app)/_components/use-dates';
import { BuildingHint } from '../building-hint';
import { DocumentForm, FilingForm, OpenCompletionForm, OpenDivisionForm, ReportForm, SignForm } from './milestone-forms';

export type MilestonesData = RouterOutputs['milestones']['building'];
type Milestone = NonNullable<MilestonesData['divisions'][number]['current']>;
type Division = MilestonesData['divisions'][number];
type CompletionDocument = MilestonesData['completion']['documents'][number];

const STATE_COLOR: Record<Milestone['state'], string> = { OPEN: 'processing', ACCEPTED: 'success', REFUSED: 'error' };

/**
 * 验收与备案 of a building (acceptance-gb50300.md §4; supervision.md §5): each 分部 with its
 * acceptance and who is still to sign; the documents, preconditions and signatures of 竣工验收; the
 * 备案 and the 质量监督报告 with their deadlines.
 */
export function MilestonesView({ initialData }: { initialData: MilestonesData }) {
  const t = useTranslations('milestones');
  const trpc = useTRPC();
  const buildingId = initialData.building.id;
  const { data = initialData } = useQuery(trpc.milestones.building.queryOptions({ buildingId }, { initialData }));
  return (
    <>
      <PageHead title={t('title')} hint={<BuildingHint building={data.building} />} />
      <div className="bl-inspections">
        <Card title={<h2 className="bl-card-title">{t('divisionsTitle')}</h2>}>
          <p className="bl-hint" style={{ marginTop: 0 }}>
            {t('divisionsHint')}
          </p>
          {data.divisions.length === 0 ? (
            <Empty description={t('noDivisions')} />
          ) : (
            <div className="bl-records">
              {data.divisions.map((division) => (
                <DivisionArticle key={division.code} buildingId={buildingId} division={division} />
              ))}
            </div>
          )}
        </Card>
        <CompletionCard data={data} />
        {data.filing && <FilingCard data={data} />}
        {data.report && <ReportCard data={data} />}
      </div>
    </>
  );
}

function StateTag({ milestone }: { milestone: Milestone | null }) {
  const t = useTranslations('milestones');
  if (!milestone) return <Tag style={{ marginInlineEnd: 0 }}>{t('states.NONE')}</Tag>;
  return (
    <Tag color={STATE_COLOR[milestone.state]} style={{ marginInlineEnd: 0 }}>
      {t(`states.${milestone.state}`)}
    </Tag>
  );
}

function DivisionArticle({ buildingId, division }: { buildingId: string; division: Division }) {
  const t = useTranslations('milestones');
  const [opening, setOpening] = useState(false);
  const headingId = `division-${division.code}`;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>
          {division.code} {division.name}
        </span>
        <StateTag milestone={division.current} />
      </h3>
      <p className="bl-hint" style={{ margin: '4px 0' }}>
        {t('lotsComplete', { complete: division.lots.complete, total: division.lots.total })}
        {!division.ready && division.lots.total > 0 && ` · ${t('notReady')}`}
      </p>
      {division.current && <Signatories milestone={division.current} />}
      {division.refused.length > 0 && <p className="bl-hint">{t('refusedBefore', { count: division.refused.length })}</p>}
      {division.canOpen &&
        (opening ? (
          <OpenDivisionForm buildingId={buildingId} divisionCode={division.code} name={division.name} onDone={() => setOpening(false)} />
        ) : (
          <Button type="primary" size="large" onClick={() => setOpening(true)} style={{ marginTop: 8 }}>
            {t('openDivision')}
          </Button>
        ))}
    </article>
  );
}

/** Who must sign, who holds each post, who signed (and what) and who is still missing; the actor's own posts get a sign form. */
function Signatories({ milestone }: { milestone: Milestone }) {
  const t = useTranslations('milestones');
  const dates = useDates();
  const missing = milestone.signatories.filter((s) => !s.signoff);
  return (
    <>
      <p style={{ margin: '4px 0' }}>{t('heldOn', { date: dates.day(milestone.heldOn) })}</p>
      <ul className="bl-signatories" aria-label={t('signatoriesLabel')}>
        {milestone.signatories.map((s) => (
          <li key={`${s.role}:${s.position}`}>
            {s.signoff ? (
              s.signoff.agrees ? (
                <CheckCircleFilled aria-hidden style={{ color: 'var(--bl-ok, #389e0d)' }} />
              ) : (
                <CloseCircleFilled aria-hidden style={{ color: '#cf1322' }} />
              )
            ) : (
              <ClockCircleOutlined aria-hidden style={{ color: 'var(--bl-muted)' }} />
            )}{' '}
            <strong>{s.title}</strong>{' '}
            {s.signoff ? (
              <span>
                {t(s.signoff.agrees ? 'signedAgree' : 'signedDisagree', { name: s.signoff.name, time: dates.time(s.signoff.signedAt) })}
                {s.signoff.opinion && <span className="bl-pre">：{s.signoff.opinion}</span>}
              </span>
            ) : (
              <span className="bl-hint">{s.holders.length > 0 ? t('awaiting', { names: s.holders.join('、') }) : t('postVacant')}</span>
            )}
          </li>
        ))}
      </ul>
      {milestone.state === 'OPEN' && missing.length > 0 && (
        <p role="status" className="bl-hint">
          {t('stillMissing', { posts: missing.map((s) => s.title).join('、') })}
        </p>
      )}
      {milestone.signatories
        .filter((s) => s.mine)
        .map((s) => (
          <SignForm key={`${s.role}:${s.position}`} milestoneId={milestone.id} role={s.role} position={s.position} title={s.title} />
        ))}
    </>
  );
}

function CompletionCard({ data }: { data: MilestonesData }) {
  const t = useTranslations('milestones');
  const { completion, building } = data;
  const [opening, setOpening] = useState(false);
  return (
    <Card title={<h2 className="bl-card-title">{t('completionTitle')}</h2>} extra={<StateTag milestone={completion.current} />}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('completionHint')}
      </p>
      <h3 className="bl-subdivision-title">{t('documentsTitle')}</h3>
      <div className="bl-records">
        {completion.documents.map((document) => (
          <DocumentArticle key={document.kind} buildingId={building.id} document={document} />
        ))}
      </div>
      {completion.preconditions && (
        <>
          <h3 className="bl-subdivision-title">{t('preconditionsTitle')}</h3>
          <ul className="bl-signatories" aria-label={t('preconditionsTitle')}>
            {completion.preconditions.map((p) => (
              <li key={p.code} data-met={p.met}>
                {p.met ? <CheckCircleFilled aria-hidden style={{ color: 'var(--bl-ok, #389e0d)' }} /> : <CloseCircleFilled aria-hidden style={{ color: '#cf1322' }} />}{' '}
                <span className="bl-visually-hidden">{p.met ? t('met') : t('unmet')}</span>
                {t(`preconditions.${p.code}`)}
                {'detail' in p && p.detail && <span className="bl-hint">（{p.detail}）</span>}
              </li>
            ))}
          </ul>
          <p className="bl-hint">{t('declaredHint')}</p>
        </>
      )}
      {completion.current && <Signatories milestone={completion.current} />}
      {completion.canOpen &&
        completion.plannedOn &&
        (opening ? (
          <OpenCompletionForm buildingId={building.id} heldOn={completion.plannedOn} onDone={() => setOpening(false)} />
        ) : (
          <Button type="primary" size="large" onClick={() => setOpening(true)} style={{ marginTop: 8 }}>
            {t('openCompletion')}
          </Button>
        ))}
    </Card>
  );
}

function DocumentArticle({ buildingId, document }: { buildingId: string; document: CompletionDocument }) {
  const t = useTranslations('milestones');
  const dates = useDates();
  const [filing, setFiling] = useState(false);
  const { current } = document;
  const headingId = `document-${document.kind}`;
  return (
    <article aria-labelledby={headingId} className="bl-record">
      <h3 id={headingId} className="bl-record-title">
        <span>{t(`documents.${document.kind}`)}</span>
        <Tag color={current ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
          {current ? t('documentFiled') : t('documentMissing')}
        </Tag>
      </h3>
      {current && (
        <dl className="bl-facts">
          {current.plannedOn && (
            <>
              <dt>{t('plannedOn')}</dt>
              <dd>{dates.day(current.plannedOn)}</dd>
            </>
          )}
          <dt>{t('summary')}</dt>
          <dd className="bl-pre">{current.summary}</dd>
          <dt>{t('signedBy')}</dt>
          <dd>
            {current.signer.title} {current.signer.name} · {dates.time(current.signedAt)}
            {current.corrected && ` · ${t('corrected')}`}
          </dd>
        </dl>
      )}
      {document.canFile &&
        (filing ? (
          <DocumentForm buildingId={buildingId} kind={document.kind} onDone={() => setFiling(false)} />
        ) : (
          <Button onClick={() => setFiling(true)} size="large" style={{ marginTop: 4 }}>
            {current ? t('fileCorrection') : t('fileDocument')}
          </Button>
        ))}
    </article>
  );
}

function DeadlineTag({ deadline }: { deadline: { dueOn: string; done: boolean; late: boolean; overdueDays: number } }) {
  const t = useTranslations('milestones');
  const dates = useDates();
  if (deadline.done) return <Tag color={deadline.late ? 'warning' : 'success'}>{deadline.late ? t('doneLate') : t('done')}</Tag>;
  if (deadline.overdueDays > 0) return <Tag color="error">{t('overdue', { days: deadline.overdueDays })}</Tag>;
  return <Tag color="processing">{t('dueBy', { date: dates.day(deadline.dueOn) })}</Tag>;
}

function FilingCard({ data }: { data: MilestonesData }) {
  const t = useTranslations('milestones');
  const dates = useDates();
  const filing = data.filing!;
  return (
    <Card title={<h2 className="bl-card-title">{t('filingTitle')}</h2>} extra={<DeadlineTag deadline={filing} />}>
      <p className="bl-hint" style={{ marginTop: 0 }}>
        {t('filingHint', { completedOn: dates.day(data.building.completedOn!), dueOn: dates.day(filing.dueOn) })}
      </p>
      {filing.record && (
        <dl className="bl-facts">
          <dt>{t('filedOn')}</dt>
          <dd>{dates.day(filing.record.filedOn)}</dd>
          <dt>{t('authority')}</dt>
          <dd>{filing.record.authority}</dd>
          <dt>{t('filingNumber')}</dt>
          <dd>{filing.record.filingNumber}</dd>
        </dl>
      )}
      {filing.canRecord && <FilingForm buildingId={data.building.id} completedOn={data.building.completedOn!} />}
    </Card>
  );
}

function ReportCard({ data }: { data: MilestonesData }) {
  const t = useTranslations('milestones');
  const dates = useDates();
  const report = data.report!;
  return (
    <Card title={<h2 className="bl-card-title">{t('reportTitle')}</h2>} extra={<DeadlineTag deadline={report} />}>
      {report.record ? (
        <dl className="bl-facts">
          <dt>{t('conclusion')}</dt>
          <dd className="bl-pre">{report.record.conclusion}</dd>
          <dt>{t('signedBy')}</dt>
          <dd>
            {report.record.inspector.title} {report.record.inspector.name} · {dates.time(report.record.signedAt)}
          </dd>
          <dt>{t('reportPdf')}</dt>
          <dd>
            <a href={`/api/buildings/${data.building.id}/supervision-report`} className="bl-touch-link">
              <FilePdfOutlined aria-hidden /> {t('downloadReport')}
            </a>
          </dd>
        </dl>
      ) : (
        <p className="bl-hint" style={{ marginTop: 0 }}>
          {t('reportHint', { dueOn: dates.day(report.dueOn) })}
        </p>
      )}
      {report.canIssue && <ReportForm buildingId={data.building.id} />}
    </Card>
  );
}
