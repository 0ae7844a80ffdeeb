'use client';

import { Tag } from 'antd';
import { useTranslations } from 'next-intl';
import type { ItemProblem, LotProblem } from '@/server/inspections/acceptance';
import { DEFAULT_GENERAL_PASS_RATE } from '@/server/inspections/acceptance';
import type { BlockReason, ShownStatus } from '@/server/inspections/progress';

/** What the progress page shows for a lot: its status, BLOCKED for an open lot whose predecessors are not accepted, SUSPENDED under a 暂停施工 order. */
export type { ShownStatus };

const STATUS_COLOR: Record<ShownStatus, string> = {
  OPEN: 'default',
  SUBMITTED: 'processing',
  REJECTED: 'error',
  ACCEPTED: 'success',
  BLOCKED: 'warning',
  SUSPENDED: 'magenta',
};

export function LotStatusTag({ status }: { status: ShownStatus }) {
  const t = useTranslations('inspections.status');
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(status)}
    </Tag>
  );
}

/** The order the counts are read in: done first, then what waits, then what has not started. */
const COUNT_ORDER: ShownStatus[] = ['ACCEPTED', 'SUBMITTED', 'REJECTED', 'SUSPENDED', 'BLOCKED', 'OPEN'];

/** 已验收 3 · 待验收 1 …: every status (`all`) or only those with lots. */
export function LotCounts({ counts, label, all }: { counts: Record<ShownStatus, number>; label: string; all?: boolean }) {
  const t = useTranslations('inspections');
  const ts = useTranslations('inspections.status');
  const shown = COUNT_ORDER.filter((s) => all || counts[s] > 0);
  return (
    <ul className="bl-counts" aria-label={t('countsLabel', { name: label })}>
      {shown.map((status) => (
        <li key={status} className={`bl-count bl-count-${status.toLowerCase()}`}>
          <span>{ts(status)}</span> <strong>{counts[status]}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * "3 层梁板钢筋（3 层 ①–⑧ 轴）", joined with 、 for several; a predecessor that is accepted but
 * holds the lot back otherwise (its 隐蔽工程, its 旁站记录) says why.
 */
export function useLotRefs() {
  const t = useTranslations('inspections');
  return (lots: { name: string; location: string; reason?: BlockReason }[]) =>
    lots
      .map((l) =>
        !l.reason || l.reason === 'NOT_ACCEPTED'
          ? t('lotRef', { name: l.name, location: l.location })
          : t('lotRefWithReason', { name: l.name, location: l.location, reason: t(`blockReason.${l.reason}`) }),
      )
      .join('、');
}

/** The Chinese (or English) sentence for each problem lotVerdict() finds. */
export function useProblemText() {
  const t = useTranslations('selfCheck');
  return {
    item: (problem: ItemProblem, passRate?: number) =>
      problem === 'PASS_RATE_TOO_LOW'
        ? t('problems.PASS_RATE_TOO_LOW', { rate: Math.round((passRate ?? DEFAULT_GENERAL_PASS_RATE) * 100) })
        : t(`problems.${problem}`),
    lot: (problem: LotProblem) => t(`lotProblems.${problem}`),
  };
}
