'use client';

import { EditOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Modal, Tag } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { PageHead } from '@/app/_components/page-head';
import { useTRPC, type RouterOutputs } from '@/app/_trpc/client';
import { draftKeys } from '@/app/(app)/_components/draft-store';
import { LotCounts, LotStatusTag, useLotRefs } from '@/app/(app)/lots/[id]/lot-status';
import { selfCheckDraftPrefix } from '@/app/(app)/lots/[id]/self-check-draft';
import { CATALOG, findSubdivision } from '@/server/inspections/catalog';
import { BuildingHint } from '../building-hint';
import { SuspensionAlert } from '@/app/(app)/_components/suspension-alert';
import { LotPlanForm, type PlannedLot } from './lot-plan-form';

type Progress = RouterOutputs['inspections']['progress'];
type Division = Progress['divisions'][number];
type Subdivision = Division['subdivisions'][number];
type Item = Subdivision['items'][number];
type LotRow = Item['lots'][number];

export function ProgressView({
  building,
  userId,
  initialData,
}: {
  building: { id: string; name: string; code: string };
  userId: string;
  initialData: Progress;
}) {
  const t = useTranslations('inspections');
  const tm = useTranslations('materials');
  const trpc = useTRPC();
  const { data = initialData } = useQuery(trpc.inspections.progress.queryOptions({ buildingId: building.id }, { initialData }));
  const [planning, setPlanning] = useState(false);
  const drafts = useLocalDrafts(userId);
  const { permissions } = data;

  const lots: PlannedLot[] = data.divisions.flatMap((d) =>
    d.subdivisions.flatMap((s) => s.items.flatMap((i) => i.lots.map((l) => ({ id: l.id, name: l.name, location: l.location, subdivisionCode: s.code, itemCode: i.code, itemName: i.name })))),
  );
  const lotCount = lots.length;

  return (
    <>
      <PageHead
        title={t('title')}
        hint={
          <BuildingHint building={building}>
            <Link href={`/buildings/${building.id}/materials`} className="bl-touch-link" style={{ marginInlineStart: 12 }}>
              <ExperimentOutlined aria-hidden /> {tm('title')}
            </Link>
          </BuildingHint>
        }
        action={
          permissions.canPlan && (
            <Button type="primary" size="large" icon={<PlusOutlined aria-hidden />} onClick={() => setPlanning(true)}>
              {t('create')}
            </Button>
          )
        }
      />

      <div className="bl-inspections">
        <SuspensionAlert buildingId={building.id} suspensions={data.suspensions} />
        <Card title={<h2 className="bl-card-title">{t('totalTitle')}</h2>} extra={<span className="bl-hint">{t('lotCount', { count: lotCount })}</span>}>
          <LotCounts counts={data.total} label={t('totalTitle')} all />
          {data.lotsOnFailedMaterial > 0 && <p className="bl-failed-material">{t('lotsOnFailedMaterial', { count: data.lotsOnFailedMaterial })}</p>}
          {drafts.size > 0 && (
            <p className="bl-hint" style={{ marginBottom: 0 }}>
              <EditOutlined aria-hidden /> {t('localDraftsHint', { count: drafts.size })}
            </p>
          )}
        </Card>

        {data.divisions.length === 0 ? (
          <Card>
            <Empty description={permissions.canPlan ? t('emptyCanPlan') : t('empty')} />
          </Card>
        ) : (
          data.divisions.map((division) => <DivisionSection key={division.code} division={division} drafts={drafts} />)
        )}
      </div>

      <Modal open={planning} title={t('createTitle')} footer={null} onCancel={() => setPlanning(false)} destroyOnHidden width={640}>
        <LotPlanForm buildingId={building.id} lots={lots} onDone={() => setPlanning(false)} />
      </Modal>
    </>
  );
}

/** Lot ids that have an unsent self-check draft on this device. */
function useLocalDrafts(userId: string): Set<string> {
  const [ids, setIds] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    let live = true;
    const prefix = selfCheckDraftPrefix(userId);
    draftKeys(prefix)
      .then((keys) => {
        if (live) setIds(new Set(keys.map((k) => k.slice(prefix.length))));
      })
      .catch(() => {
        // No IndexedDB here: nothing to show.
      });
    return () => {
      live = false;
    };
  }, [userId]);
  return ids;
}

function DivisionSection({ division, drafts }: { division: Division; drafts: Set<string> }) {
  const name = CATALOG.find((d) => d.code === division.code)?.name ?? division.code;
  const headingId = `division-${division.code}`;
  return (
    <section aria-labelledby={headingId} className="bl-division">
      <details open>
        <summary>
          <h2 id={headingId} className="bl-division-title">
            <span className="bl-code">{division.code}</span> {name}
          </h2>
          <LotCounts counts={division.counts} label={name} />
        </summary>
        <div className="bl-division-body">
          {division.subdivisions.map((subdivision) => (
            <SubdivisionSection key={subdivision.code} subdivision={subdivision} drafts={drafts} />
          ))}
        </div>
      </details>
    </section>
  );
}

function SubdivisionSection({ subdivision, drafts }: { subdivision: Subdivision; drafts: Set<string> }) {
  const name = findSubdivision(subdivision.code)?.subdivision.name ?? subdivision.code;
  const headingId = `subdivision-${subdivision.code}`;
  return (
    <section aria-labelledby={headingId} className="bl-subdivision">
      <details open>
        <summary>
          <h3 id={headingId} className="bl-subdivision-title">
            <span className="bl-code">{subdivision.code}</span> {name}
          </h3>
          <LotCounts counts={subdivision.counts} label={name} />
        </summary>
        {subdivision.items.map((item) => (
          <ItemSection key={item.code} item={item} drafts={drafts} />
        ))}
      </details>
    </section>
  );
}

function ItemSection({ item, drafts }: { item: Item; drafts: Set<string> }) {
  const t = useTranslations('inspections');
  const headingId = `item-${item.code}`;
  const custom = item.code.includes('X');
  return (
    <section aria-labelledby={headingId} className="bl-item">
      <div className="bl-item-head">
        <h4 id={headingId} className="bl-item-title">
          {item.name} <span className="bl-code">{item.code}</span>
          {custom && (
            <Tag style={{ marginInlineStart: 6 }} title={t('customItemHint')}>
              {t('customItem')}
            </Tag>
          )}
        </h4>
        <LotCounts counts={item.counts} label={item.name} />
      </div>
      <ul className="bl-lot-list" aria-label={t('lotsOf', { name: item.name })}>
        {item.lots.map((lot) => (
          <LotRowItem key={lot.id} lot={lot} hasDraft={drafts.has(lot.id)} />
        ))}
      </ul>
    </section>
  );
}

function LotRowItem({ lot, hasDraft }: { lot: LotRow; hasDraft: boolean }) {
  const t = useTranslations('inspections');
  const refs = useLotRefs();
  return (
    <li className="bl-lot-row">
      <div className="bl-lot-main">
        <Link href={`/lots/${lot.id}`} className="bl-touch-link bl-lot-name">
          {lot.name}
        </Link>
        <span className="bl-lot-tags">
          <LotStatusTag status={lot.status} />
          {lot.failedMaterials.length > 0 && (
            <Tag color="error" style={{ marginInlineEnd: 0 }}>
              {t('failedMaterial')}
            </Tag>
          )}
          {hasDraft && (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('localDraft')}
            </Tag>
          )}
        </span>
      </div>
      <div className="bl-hint" style={{ margin: 0 }}>
        {t('lotFacts', { location: lot.location, capacity: lot.capacity, unit: lot.capacityUnit })}
      </div>
      {lot.status === 'BLOCKED' && <div className="bl-blocked">{t('blockedBy', { lots: refs(lot.blockedBy) })}</div>}
      {lot.failedMaterials.length > 0 && <div className="bl-failed-material">{t('failedMaterialSamples', { samples: lot.failedMaterials.map((f) => f.sampleNo).join('、') })}</div>}
    </li>
  );
}
