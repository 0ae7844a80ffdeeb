import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import type { SuspensionIssuer } from './schemas';

/**
 * The suspension gate (supervision.md §4; acceptance-gb50300.md §8): while a 局部暂停施工 or
 * 工程暂停令 is active — no ResumeOrder points at it — and its scope covers a lot's 子分部 (or the
 * whole building), no new work is recorded there: lots, self-checks, 隐蔽工程 and their acceptance,
 * 旁站. Answering rectification notices stays allowed.
 */

export interface ActiveSuspension {
  id: string;
  issuer: SuspensionIssuer;
  wholeBuilding: boolean;
  scopeCodes: string[];
  reason: string;
  issuedAt: Date;
  issuedBy: { name: string; title: string };
}

/** The building's active suspensions, oldest first (a handful at most: one small indexed read). */
export async function activeSuspensions(db: DbOrTx, buildingId: string): Promise<ActiveSuspension[]> {
  const rows = await db.suspension.findMany({
    where: { buildingId, resumeOrder: null },
    orderBy: { issuedAt: 'asc' },
    select: { id: true, issuer: true, wholeBuilding: true, scopeCodes: true, reason: true, issuedAt: true, content: true },
  });
  return rows.map(({ content, ...row }) => ({ ...row, issuedBy: (JSON.parse(content) as { issuedBy: ActiveSuspension['issuedBy'] }).issuedBy }));
}

/** The first active suspension whose scope covers this 子分部 (DDSS): the whole building, its 分部 or itself. */
export function coveringSuspension(suspensions: ActiveSuspension[], subdivisionCode: string): ActiveSuspension | null {
  const division = subdivisionCode.slice(0, 2);
  return suspensions.find((s) => s.wholeBuilding || s.scopeCodes.includes(subdivisionCode) || s.scopeCodes.includes(division)) ?? null;
}

/** The order as the error text names it: who, on which day (China time), which kind. */
export const suspensionFacts = (s: ActiveSuspension) => ({ issuer: s.issuer, by: `${s.issuedBy.title} ${s.issuedBy.name}`, on: new Date(s.issuedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) });

/** For every new record of work in a 子分部: refuses with WORK_SUSPENDED, naming the order. */
export async function assertNotSuspended(db: DbOrTx, buildingId: string, subdivisionCode: string): Promise<void> {
  const covering = coveringSuspension(await activeSuspensions(db, buildingId), subdivisionCode);
  if (covering) throw new DomainError('WORK_SUSPENDED', undefined, suspensionFacts(covering));
}
