import { z } from 'zod';
import { minimumSample, type InspectionItem } from '@/server/inspections/acceptance';
import { inspectionItemInput, submitRecordInput } from '@/server/inspections/schemas';

/**
 * The self-check form: the procedure's schema, except that 实测值 are typed as one line of
 * numbers ("5, -3 8") and turned into the array the server takes.
 */
const measuredText = z
  .string()
  .transform((text) =>
    text
      .split(/[\s,，、;；]+/)
      .filter(Boolean)
      .map(Number),
  )
  .pipe(z.array(z.number({ error: 'validation.number' }).finite({ error: 'validation.number' })).max(500, { error: 'validation.tooLong' }));

export const selfCheckItemForm = z
  .object({ ...inspectionItemInput.shape, measured: measuredText })
  .refine((item) => item.passed <= item.sampled, { error: 'validation.passedExceedsSampled', path: ['passed'] });

export const selfCheckForm = submitRecordInput.extend({
  items: z.array(selfCheckItemForm).min(1, { error: 'validation.itemsRequired' }).max(100),
});

export type SelfCheckValues = z.input<typeof selfCheckForm>;
export type SelfCheckItemValues = z.input<typeof selfCheckItemForm>;
/** What a draft keeps: everything typed except the password (and the ids, which the key names). */
export type SelfCheckDraftValues = Omit<SelfCheckValues, 'password' | 'lotId' | 'idempotencyKey'>;

/** A record's item as the server stored it (submitRecordInput's output). */
export type RecordItem = z.output<typeof inspectionItemInput>;
export type RecordContent = { items: RecordItem[]; constructionBasis: string; acceptanceBasis: string; notes: string; materials?: { id: string }[] };

/** Drafts are the signed-in person's own: one per person and lot on this device. */
export const selfCheckDraftPrefix = (userId: string) => `self-check:${userId}:`;
export const selfCheckDraftKey = (userId: string, lotId: string) => `${selfCheckDraftPrefix(userId)}${lotId}`;

export function emptyItem(kind: 'MAIN' | 'GENERAL', capacity: number): SelfCheckItemValues {
  const min = minimumSample(capacity);
  return { kind, requirement: '', minSample: min === null ? '' : String(min), sampled: '', passed: '', severeDefect: false, measured: '', note: '' };
}

/** A new record: one 主控项目 to start with; after a rejection, the rejected record's items, bases and materials. */
export function initialDraft(capacity: number, rejected: RecordContent | null): SelfCheckDraftValues {
  if (!rejected) return { items: [emptyItem('MAIN', capacity)], constructionBasis: '', acceptanceBasis: '', notes: '', receiptIds: [] };
  return {
    items: rejected.items.map((i) => ({
      kind: i.kind,
      requirement: i.requirement,
      minSample: String(i.minSample),
      sampled: String(i.sampled),
      passed: String(i.passed),
      severeDefect: i.severeDefect ?? false,
      ...(i.passRate === undefined ? {} : { passRate: i.passRate }),
      measured: (i.measured ?? []).join(', '),
      note: i.note ?? '',
    })),
    constructionBasis: rejected.constructionBasis,
    acceptanceBasis: rejected.acceptanceBasis,
    notes: rejected.notes,
    receiptIds: (rejected.materials ?? []).map((m) => m.id),
  };
}

/** A count as typed, for the live verdict: blank or not a number counts as 0. */
export function typedCount(value: unknown): number {
  const text = String(value ?? '').trim();
  const n = Number(text);
  return text === '' || !Number.isFinite(n) ? 0 : n;
}

/** The form's items as lotVerdict() reads them, while they are being typed. */
export function typedItems(items: Partial<SelfCheckItemValues>[] | undefined): InspectionItem[] {
  return (items ?? []).map((i) => ({
    kind: i.kind === 'GENERAL' ? 'GENERAL' : 'MAIN',
    requirement: i.requirement ?? '',
    minSample: typedCount(i.minSample),
    sampled: typedCount(i.sampled),
    passed: typedCount(i.passed),
    severeDefect: i.severeDefect === true,
    passRate: i.passRate,
  }));
}
