import type { CompletionDocumentKind } from '@/server/generated/prisma/enums';

/**
 * The legal preconditions of 竣工验收 (supervision.md §5; acceptance-gb50300.md §3, §8), as a pure
 * function of the building's facts, so the page can say which are unmet and the service refuses on
 * the same list. C1–C13 follow the domain table; DIVISIONS is GB 55032 4.2.6 (every 分部 accepted),
 * NOTICE the 7 working days' written notice to the 质监站 (171号 art 6), NOT_SUSPENDED the
 * suspension rule (supervision.md §4).
 */

export const PRECONDITION_CODES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'DIVISIONS', 'NOTICE', 'NOT_SUSPENDED'] as const;
export type PreconditionCode = (typeof PRECONDITION_CODES)[number];

/** What the 建设单位项目负责人 declares when organizing the acceptance: facts the records cannot show. */
export interface CompletionAttestations {
  /** C1 完成工程设计和合同约定的各项内容 */
  designAndContractDone: boolean;
  /** C7 建设单位已按合同约定支付工程款 */
  paymentSettled: boolean;
  /** C9 住宅工程分户验收: passed, or the building is not housing */
  householdAcceptance: 'PASSED' | 'NOT_HOUSING' | null;
  /** C11 other legal conditions (e.g. 档案预验收) */
  otherConditions: boolean;
}

export interface CompletionFacts {
  attestations: CompletionAttestations;
  /** Kinds of completion document on record (the latest of each counts) */
  documents: ReadonlySet<CompletionDocumentKind>;
  lots: { total: number; notAccepted: number; onFailedMaterial: number };
  /** 分部 codes that have lots, and those whose 分部验收 is accepted */
  divisions: { withLots: string[]; accepted: string[] };
  /**
   * Batches awaiting the 监理's 进场验收 and samples awaiting their lab result. A failed sample blocks
   * through the lots that used its batch (C5); a failed batch no lot used was sent away.
   */
  materials: { awaitingApproval: number; awaitingResult: number };
  /** Numbers of 整改通知单 not closed */
  openNotices: string[];
  chiefSupervisorSeated: boolean;
  pledgesComplete: boolean;
  activeSuspensions: number;
  /** The latest notice to the 质监站: the day it was delivered and the date it announced */
  notice: { issuedOn: string; plannedOn: string } | null;
  /** The acceptance date (YYYY-MM-DD) */
  heldOn: string;
}

export interface Precondition {
  code: PreconditionCode;
  met: boolean;
  /** What is missing, for the message (e.g. the open notices' numbers) */
  detail?: string;
}

const WORKING_DAYS_NOTICE = 7;

/** YYYY-MM-DD plus n calendar days. */
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * The latest day a notice may be delivered for an acceptance on `date`: 7 working days before it.
 * Working days are Monday to Friday; the public-holiday calendar (国务院办公厅 each year) is not yet
 * loaded, so a notice across a holiday is judged by weekends only.
 */
export function latestNoticeDay(date: string): string {
  let day = date;
  for (let left = WORKING_DAYS_NOTICE; left > 0; ) {
    day = addDays(day, -1);
    if (!isWeekend(day)) left--;
  }
  return day;
}

export function completionPreconditions(f: CompletionFacts): Precondition[] {
  const has = (kind: CompletionDocumentKind) => f.documents.has(kind);
  const list = (items: string[]) => items.join('、');
  const missingDivisions = f.divisions.withLots.filter((d) => !f.divisions.accepted.includes(d));
  const c5Problems = [f.lots.total === 0 ? 'noLots' : null, f.lots.notAccepted > 0 ? `notAccepted:${f.lots.notAccepted}` : null, f.lots.onFailedMaterial > 0 ? `failedMaterial:${f.lots.onFailedMaterial}` : null].filter((x) => x !== null);
  const m = f.materials;
  const c6Problems = [m.awaitingApproval > 0 ? `awaitingApproval:${m.awaitingApproval}` : null, m.awaitingResult > 0 ? `awaitingResult:${m.awaitingResult}` : null].filter((x) => x !== null);
  const noticeMet = f.notice !== null && f.notice.plannedOn === f.heldOn && f.notice.issuedOn <= latestNoticeDay(f.heldOn);
  const checks: [PreconditionCode, boolean, string?][] = [
    ['C1', f.attestations.designAndContractDone],
    ['C2', has('CONSTRUCTION_REPORT')],
    ['C3', has('QUALITY_ASSESSMENT')],
    ['C4', has('SURVEY_CHECK') && has('DESIGN_CHECK'), list([has('SURVEY_CHECK') ? null : 'SURVEY_CHECK', has('DESIGN_CHECK') ? null : 'DESIGN_CHECK'].filter((x) => x !== null))],
    ['C5', c5Problems.length === 0, list(c5Problems)],
    ['C6', c6Problems.length === 0, list(c6Problems)],
    ['C7', f.attestations.paymentSettled],
    ['C8', has('WARRANTY_CERTIFICATE')],
    ['C9', f.attestations.householdAcceptance !== null],
    ['C10', f.openNotices.length === 0, list(f.openNotices)],
    ['C11', f.attestations.otherConditions],
    ['C12', f.chiefSupervisorSeated],
    ['C13', f.pledgesComplete],
    ['DIVISIONS', f.divisions.withLots.length > 0 && missingDivisions.length === 0, list(missingDivisions)],
    ['NOTICE', noticeMet, f.notice ? `${f.notice.issuedOn}→${f.notice.plannedOn}` : ''],
    ['NOT_SUSPENDED', f.activeSuspensions === 0, String(f.activeSuspensions)],
  ];
  return checks.map(([code, met, detail]) => (met || !detail ? { code, met } : { code, met, detail }));
}

export const unmet = (preconditions: Precondition[]) => preconditions.filter((p) => !p.met);
