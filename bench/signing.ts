/**
 * Signing benchmarks (bench/run.ts calls signingBenchmarks on a fresh database):
 * the latency of pledges.sign (password re-entry, key unwrap, two PDFs, the
 * transaction with its ledger events) under 8 concurrent signers, against the
 * floor of the same two argon2id computations alone at the same concurrency;
 * and the cost of rendering one pledge PDF.
 */
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import type { Db } from '@/server/db/client';
import { renderPledgePdf } from '@/server/documents/pledge-pdf';
import { draftAuthorization } from '@/server/pledges/drafts';
import { signPledges } from '@/server/pledges/service';
import { actorOf, FACTORY_PASSWORD, makeOrganization, makeProject, makeUser } from '@/tests/factories';
import type { BenchResult } from './result';

const SIGNERS = 8;
const SIGNATURES_EACH = 6;
const PDF_RENDERS = 60;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function concurrently(workers: number, each: number, task: (worker: number, i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; i < each; i++) {
        const start = performance.now();
        await task(worker, i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

export async function signingBenchmarks(db: Db): Promise<BenchResult[]> {
  // Each signer is the 施工单位项目经理 of SIGNATURES_EACH projects, one building each, waiting for a signature.
  const org = await makeOrganization(db);
  await db.organization.update({ where: { id: org.id }, data: { legalRepresentative: '蔡永康' } });
  const signers: { actor: Awaited<ReturnType<typeof actorOf>>; projects: string[] }[] = [];
  for (let s = 0; s < SIGNERS; s++) {
    const user = await makeUser(db, { organizationId: org.id });
    const projects: string[] = [];
    for (let p = 0; p < SIGNATURES_EACH + 1; p++) {
      const project = await makeProject(db, { buildings: 1 });
      await db.projectParty.create({ data: { projectId: project.id, role: 'CONSTRUCTION', organizationId: org.id } });
      await db.projectMember.create({
        data: { projectId: project.id, role: 'CONSTRUCTION', userId: user.id, isLeader: true, idNumber: '11010519491231002X', qualificationType: '一级注册建造师', qualificationNo: '闽1352008200871' },
      });
      projects.push(project.id);
    }
    signers.push({ actor: await actorOf(db, user.id), projects });
  }
  const sign = (worker: number, i: number) => {
    const { actor, projects } = signers[worker]!;
    return signPledges(db, actor, { projectId: projects[i]!, role: 'CONSTRUCTION', password: FACTORY_PASSWORD }).then(() => undefined);
  };
  // One signature each first: makes every signer's key, and warms the fonts and the pool.
  await concurrently(SIGNERS, 1, (worker) => sign(worker, SIGNATURES_EACH));
  const signing = await concurrently(SIGNERS, SIGNATURES_EACH, sign);

  // The floor: what re-entering a password costs at all — verifying it and deriving the key-wrapping key (two argon2id runs).
  const stored = await hashPassword(FACTORY_PASSWORD);
  const floor = await concurrently(SIGNERS, SIGNATURES_EACH, async () => {
    await verifyPassword(stored, FACTORY_PASSWORD);
    await verifyPassword(stored, FACTORY_PASSWORD);
  });

  const source = {
    project: { id: '00000000-0000-4000-8000-000000000001', code: 'FZ-2026-0042', name: '滨江花园二期', address: '福建省福州市仓山区浦上大道 208 号' },
    building: { id: '00000000-0000-4000-8000-000000000002', code: 'BL-350104-0001', name: '1#住宅楼', designWorkingLifeYears: 50 },
    role: 'CONSTRUCTION' as const,
    organization: { name: '闽江建工集团有限公司', creditCode: '91350000MA34H9RT20', legalRepresentative: '蔡永康' },
    leader: { userId: '00000000-0000-4000-8000-000000000003', name: '王海峰', idNumber: '11010519491231002X', qualificationType: '一级注册建造师', qualificationNo: '闽1352008200871' },
  };
  const content = draftAuthorization(source, new Date());
  const mark = [{ signerName: '王海峰', signedAt: new Date().toISOString(), keyFingerprint: 'a'.repeat(64), contentSha256: 'b'.repeat(64) }];
  await renderPledgePdf(content, mark); // the first render loads the fonts
  const renders: number[] = [];
  for (let i = 0; i < PDF_RENDERS; i++) {
    const start = performance.now();
    await renderPledgePdf(content, mark);
    renders.push(performance.now() - start);
  }

  // Two argon2id runs (password check + key unwrap) at the same concurrency: the floor of any password re-entry.
  const floorP95 = { name: 'pledges.sign.password_floor.p95_ms', value: round(percentile(floor, 95)), unit: 'ms' };
  return [
    // One call signs the 授权书 and 承诺书 of one building: two PDFs, two signatures, their events.
    { name: 'pledges.sign.p95_ms', value: round(percentile(signing, 95)), unit: 'ms (8 concurrent signers)', baseline: floorP95 },
    { name: 'pledges.sign.p50_ms', value: round(percentile(signing, 50)), unit: 'ms (8 concurrent signers)' },
    floorP95,
    { name: 'pledges.sign.p95_ratio_to_password_floor', value: round(percentile(signing, 95) / floorP95.value, 2), unit: 'ratio', baseline: floorP95 },
    { name: 'documents.pledge_pdf.render_median_ms', value: round(percentile(renders, 50)), unit: 'ms' },
    { name: 'documents.pledge_pdf.render_p95_ms', value: round(percentile(renders, 95)), unit: 'ms' },
  ];
}
