import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { recordEvent } from '@/server/ledger/record';
import { publicBuildingRecord } from '@/server/plaque/service';
import { actorOf, callerFor, makeProject, makeUser } from '@/tests/factories';
import { checkChain, currentChainState, runChainChecks, startChainCheckRun } from './chain-checks';
import { chainCheckDue, scheduledChainCheck } from './chain-schedule';

/**
 * The app's verification of ledgers (issue 8): checks on demand, passes over every building on a
 * schedule, and the alerts a break raises. Breaks are made as an intruder with superuser access
 * would: behind the triggers' back.
 */

let admin: Actor;
let actorId: string;

beforeAll(async () => {
  admin = await actorOf(db, (await makeUser(db, { roles: ['ADMIN'] })).id);
  actorId = (await makeUser(db)).id;
});

afterEach(() => vi.restoreAllMocks());

async function buildingWithEvents(n: number): Promise<string> {
  const buildingId = (await makeProject(db)).buildings[0]!.id;
  for (let k = 1; k <= n; k++) await append(buildingId, k);
  return buildingId;
}

const append = (buildingId: string, n: number) =>
  db.$transaction((tx) =>
    recordEvent(tx, { buildingId, type: 'inspection.recorded', actor: { id: actorId, name: '张三', role: 'CONSTRUCTION' }, subjects: { n: String(n) }, data: { note: `第${n}批` } }),
  );

/** Rewrites one stored event's text behind the triggers' back; returns the original, to put back. */
async function tamper(buildingId: string, seq: number, canonical?: string): Promise<string> {
  const { canonical: original } = await db.ledgerEvent.findUniqueOrThrow({ where: { buildingId_seq: { buildingId, seq } } });
  await db.$transaction([
    db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" DISABLE TRIGGER ALL'),
    db.$executeRaw`UPDATE "LedgerEvent" SET canonical = ${canonical ?? original.replace('批', '批（改）')} WHERE "buildingId" = ${buildingId}::uuid AND seq = ${seq}`,
    db.$executeRawUnsafe('ALTER TABLE "LedgerEvent" ENABLE TRIGGER ALL'),
  ]);
  return original;
}

const alertsOf = (buildingId: string) => db.chainAlert.findMany({ where: { buildingId }, orderBy: { raisedAt: 'asc' } });

/** A building whose second event was changed, checked: its open alert (the log line silenced). */
async function brokenBuildingAlert() {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const buildingId = await buildingWithEvents(2);
  await tamper(buildingId, 2);
  await checkChain(db, buildingId);
  const [alert] = await alertsOf(buildingId);
  return { buildingId, alert: alert! };
}

/** No other pass of this file's database is left unfinished by a test. */
async function finishUnfinishedRuns() {
  await db.chainCheckRun.updateMany({ where: { finishedAt: null }, data: { finishedAt: new Date(), error: 'test cleanup' } });
}

describe('checkChain', () => {
  it('records a whole chain as the building state, and raises nothing', async () => {
    const buildingId = await buildingWithEvents(3);
    const state = await checkChain(db, buildingId);
    const head = (await db.ledgerEvent.findUniqueOrThrow({ where: { buildingId_seq: { buildingId, seq: 3 } } })).hash;
    expect(state).toMatchObject({ ok: true, length: 3, head });
    expect(await db.chainState.findUniqueOrThrow({ where: { buildingId } })).toMatchObject({ ok: true, length: 3, head, brokenAt: null });
    expect(await alertsOf(buildingId)).toEqual([]);
  });

  it('raises one alert for a break, logs it once, and clears it when the chain is whole again', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const buildingId = await buildingWithEvents(4);
    const original = await tamper(buildingId, 2);

    const first = await checkChain(db, buildingId);
    expect(first).toMatchObject({ ok: false, length: 1, brokenAt: 2 });
    await checkChain(db, buildingId);
    const [alert, ...more] = await alertsOf(buildingId);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ brokenAt: 2, runId: null, clearedAt: null, acknowledgedAt: null });
    expect(alert!.reason).toMatch(/hash/);
    expect(logged.mock.calls.filter(([line]) => String(line).includes('ledger.chain_broken'))).toHaveLength(1);
    expect(await db.chainState.findUniqueOrThrow({ where: { buildingId } })).toMatchObject({ ok: false, length: 1, brokenAt: 2, head: null });

    // Restored from a backup
    await tamper(buildingId, 2, original);
    expect(await checkChain(db, buildingId)).toMatchObject({ ok: true, length: 4 });
    const [cleared] = await alertsOf(buildingId);
    expect(cleared!.clearedAt).not.toBeNull();

    // A later break is a new alert
    await tamper(buildingId, 3);
    await checkChain(db, buildingId);
    expect((await alertsOf(buildingId)).map((a) => [a.brokenAt, a.clearedAt === null])).toEqual([
      [2, false],
      [3, true],
    ]);
  });
});

describe('currentChainState', () => {
  it('shows a recent verdict while the chain has not grown, and checks again once it has', async () => {
    const buildingId = await buildingWithEvents(2);
    const checked = await currentChainState(db, buildingId);
    expect(checked).toMatchObject({ ok: true, length: 2 });
    // Within the window the stored verdict is shown (a break made meanwhile waits for the next check)
    await tamper(buildingId, 1);
    expect(await currentChainState(db, buildingId)).toEqual(checked);
    // A new event: the verdict no longer covers the chain, so it is checked now
    await append(buildingId, 3);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await currentChainState(db, buildingId)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('checks again when the verdict is older than the window, and always when it was broken', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const buildingId = await buildingWithEvents(2);
    await currentChainState(db, buildingId);
    await db.chainState.update({ where: { buildingId }, data: { checkedAt: new Date(Date.now() - 6 * 60_000) } });
    const original = await tamper(buildingId, 2);
    expect(await currentChainState(db, buildingId)).toMatchObject({ ok: false, brokenAt: 2 });
    await tamper(buildingId, 2, original);
    // Broken a moment ago, whole now: not served from the stored verdict
    expect(await currentChainState(db, buildingId)).toMatchObject({ ok: true, length: 2 });
  });

  it('verifies once for a burst of requests of one building', async () => {
    const buildingId = await buildingWithEvents(2);
    const states = await Promise.all(Array.from({ length: 5 }, () => currentChainState(db, buildingId, { maxAgeMs: 0 })));
    expect(new Set(states.map((s) => s.checkedAt.getTime())).size).toBe(1);
  });
});

describe('a pass over every building', () => {
  it('checks each building, counts what it found and raises an alert naming the pass', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await finishUnfinishedRuns();
    const whole = await buildingWithEvents(3);
    const broken = await buildingWithEvents(3);
    await tamper(broken, 3);
    const buildings = await db.building.count();
    const events = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "LedgerEvent"`)[0]!.n);

    const run = await startChainCheckRun(db, 'SCHEDULE');
    expect(run).not.toBeNull();
    await runChainChecks(db, run!.id);

    const done = await db.chainCheckRun.findUniqueOrThrow({ where: { id: run!.id } });
    expect(done).toMatchObject({ total: buildings, checked: buildings, error: null });
    expect(done.finishedAt).not.toBeNull();
    // The broken chain counts the events before its break: two of its three
    const brokenNow = await db.chainState.count({ where: { ok: false } });
    expect(done.broken).toBe(brokenNow);
    expect(done.events).toBeLessThanOrEqual(events);
    expect(await db.chainState.findUniqueOrThrow({ where: { buildingId: whole } })).toMatchObject({ ok: true, length: 3 });
    const [alert] = await alertsOf(broken);
    expect(alert).toMatchObject({ runId: run!.id, brokenAt: 3 });
  });

  it('runs one at a time, and a pass whose process died is abandoned by the next', async () => {
    await finishUnfinishedRuns();
    const first = await startChainCheckRun(db, 'SCHEDULE');
    expect(first).not.toBeNull();
    expect(await startChainCheckRun(db, 'ADMIN', admin.userId)).toBeNull();
    await expect(callerFor(db, admin).archive.startChainCheck()).rejects.toMatchObject({ code: 'CONFLICT', message: 'CHAIN_CHECK_RUNNING' });

    await db.chainCheckRun.update({ where: { id: first!.id }, data: { heartbeatAt: new Date(Date.now() - 11 * 60_000) } });
    const second = await startChainCheckRun(db, 'ADMIN', admin.userId);
    expect(second).not.toBeNull();
    expect(await db.chainCheckRun.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ error: expect.stringMatching(/^abandoned/) });
    await runChainChecks(db, second!.id);
  });
});

describe('the schedule', () => {
  it('is due with no pass, not due after one, due again once the interval has passed, and never when off', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await finishUnfinishedRuns();
    await db.chainCheckRun.updateMany({ data: { error: 'older test' }, where: { error: null } });
    expect(await chainCheckDue(db, 24)).toBe(true);
    expect(await chainCheckDue(db, 0)).toBe(false);
    expect(await scheduledChainCheck(db, 24)).toBe('ran');
    expect(await scheduledChainCheck(db, 24)).toBe('not-due');
    expect(await chainCheckDue(db, 24, new Date(Date.now() + 24 * 3_600_000 + 1000))).toBe(true);
    const [last] = await db.chainCheckRun.findMany({ orderBy: { startedAt: 'desc' }, take: 1 });
    expect(last).toMatchObject({ trigger: 'SCHEDULE', error: null });
  });
});

describe('the ADMIN page', () => {
  it('starts a pass that runs on after the answer, and shows it with the alerts', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await finishUnfinishedRuns();
    const broken = await buildingWithEvents(2);
    await tamper(broken, 1);
    const caller = callerFor(db, admin);
    const { id } = await caller.archive.startChainCheck();
    await expect.poll(async () => (await db.chainCheckRun.findUniqueOrThrow({ where: { id } })).finishedAt, { timeout: 20_000 }).not.toBeNull();

    const overview = await caller.archive.chainChecks();
    expect(overview.runs[0]).toMatchObject({ id, trigger: 'ADMIN', requestedBy: { name: expect.any(String) }, error: null });
    expect(overview.alerts.find((a) => a.building.id === broken)).toMatchObject({ brokenAt: 1, runId: id, clearedAt: null });
    expect(overview.neverChecked).toBe(0);
    // The next scheduled pass counts from this one (CHAIN_CHECK_EVERY_HOURS, 24 by default)
    const { startedAt } = await db.chainCheckRun.findUniqueOrThrow({ where: { id } });
    expect(overview.schedule).toEqual({ everyHours: 24, nextDue: new Date(startedAt.getTime() + 24 * 3_600_000) });
    expect(await caller.archive.unacknowledgedChainAlerts()).toBeGreaterThan(0);
  });

  it('acknowledges an alert once, with what was done; a blank note changes nothing', async () => {
    const { alert } = await brokenBuildingAlert();
    const caller = callerFor(db, admin);
    const before = await caller.archive.unacknowledgedChainAlerts();

    await expect(caller.archive.acknowledgeChainAlert({ alertId: alert.id, note: '  ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await db.chainAlert.findUniqueOrThrow({ where: { id: alert.id } })).acknowledgedAt).toBeNull();

    await caller.archive.acknowledgeChainAlert({ alertId: alert.id, note: '已从 12 月 4 日备份恢复' });
    expect(await db.chainAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ acknowledgedById: admin.userId, acknowledgement: '已从 12 月 4 日备份恢复' });
    expect(await caller.archive.unacknowledgedChainAlerts()).toBe(before - 1);
    await expect(caller.archive.acknowledgeChainAlert({ alertId: alert.id, note: '再次确认' })).rejects.toMatchObject({ message: 'ALERT_ALREADY_ACKNOWLEDGED' });
  });
});

describe('alerts in the database', () => {
  it('refuses to delete an alert, to change what was found, or to acknowledge or clear it twice', async () => {
    const { buildingId, alert } = await brokenBuildingAlert();
    const id = alert.id;
    await expect(db.$executeRaw`DELETE FROM "ChainAlert" WHERE id = ${id}::uuid`).rejects.toThrow(/refused/);
    await expect(db.$executeRaw`UPDATE "ChainAlert" SET reason = 'nothing' WHERE id = ${id}::uuid`).rejects.toThrow(/refused/);
    await expect(db.$executeRaw`UPDATE "ChainAlert" SET "brokenAt" = 9 WHERE id = ${id}::uuid`).rejects.toThrow(/refused/);
    await expect(db.$executeRaw`TRUNCATE "ChainAlert"`).rejects.toThrow(/refused/);
    // An acknowledgement needs its author and its note
    await expect(db.$executeRaw`UPDATE "ChainAlert" SET "acknowledgedAt" = now() WHERE id = ${id}::uuid`).rejects.toThrow(/ChainAlert_acknowledged/);
    await db.$executeRaw`UPDATE "ChainAlert" SET "acknowledgedAt" = now(), "acknowledgedById" = ${admin.userId}::uuid, acknowledgement = '已处理' WHERE id = ${id}::uuid`;
    await expect(db.$executeRaw`UPDATE "ChainAlert" SET acknowledgement = '改写' WHERE id = ${id}::uuid`).rejects.toThrow(/refused/);
    await db.$executeRaw`UPDATE "ChainAlert" SET "clearedAt" = now() WHERE id = ${id}::uuid`;
    await expect(db.$executeRaw`UPDATE "ChainAlert" SET "clearedAt" = now() + interval '1 day' WHERE id = ${id}::uuid`).rejects.toThrow(/refused/);
    // One open alert per building
    await db.chainAlert.create({ data: { buildingId, brokenAt: 1, reason: 'x' } });
    await expect(db.chainAlert.create({ data: { buildingId, brokenAt: 1, reason: 'y' } })).rejects.toThrow();
  });
});

describe('the public page', () => {
  it('shows the chain as last verified, and the warranty terms from 竣工验收 on', async () => {
    const project = await makeProject(db);
    const building = project.buildings[0]!;
    await append(building.id, 1);
    const before = await publicBuildingRecord(db, building.code);
    expect(before).toMatchObject({ chain: { ok: true, length: 1 }, warranty: null });

    await db.building.update({ where: { id: building.id }, data: { completedOn: new Date('2026-11-25'), designWorkingLifeYears: 50 } });
    const after = await publicBuildingRecord(db, building.code);
    const terms = Object.fromEntries(after!.warranty!.map((t) => [t.category, t.endsOn]));
    expect(terms).toMatchObject({ FOUNDATION_STRUCTURE: '2076-11-25', WATERPROOFING: '2031-11-25', DECORATION: '2028-11-25', OTHER: null });
    expect(after!.warranty!.find((t) => t.category === 'DECORATION')!.coversToday).toBe(true);
  });
});
