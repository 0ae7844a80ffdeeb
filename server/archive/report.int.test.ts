import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCompletedBuilding } from '@/prisma/seed-site';
import type { Actor } from '@/server/authz/actor';
import { db } from '@/server/db/client';
import { inMemory } from '@/tests/archives';
import { actorOf, callerFor, FACTORY_PASSWORD, makeSignedProject, makeUser } from '@/tests/factories';
import { exportArchive } from './export';
import { PATHS } from './format';
import { serverSealKey } from './service';
import { verifyArchive } from './verify';
import { openZip } from './zip-source';

/** A building taken through 分部验收 and 竣工验收: its archive verifies, and report.pdf tells the acceptances and the warranty terms. */

const run = promisify(execFile);
type Site = Awaited<ReturnType<typeof makeSignedProject>>;
let site: Site;
let files: Map<string, Buffer>;

async function staffWithPosition(s: Site, position: 'TECHNICAL_LEAD' | 'TECH_QUALITY_HEAD'): Promise<Actor> {
  const user = await makeUser(db, { organizationId: s.orgs.CONSTRUCTION });
  await callerFor(db, s.leaders.OWNER).parties.addStaff({ projectId: s.project.id, role: 'CONSTRUCTION', userId: user.id, title: position === 'TECHNICAL_LEAD' ? '项目技术负责人' : '公司质量部经理', position });
  return actorOf(db, user.id);
}

beforeAll(async () => {
  site = await makeSignedProject(db, { regionCode: '350104' });
  await callerFor(db, site.leaders.OWNER).projects.registerSupervision({ buildingId: site.building.id });
  const people = { leaders: site.leaders, technicalLead: await staffWithPosition(site, 'TECHNICAL_LEAD'), qualityHead: await staffWithPosition(site, 'TECH_QUALITY_HEAD'), qc: site.qc, engineer: site.engineer };
  await seedCompletedBuilding(db, site.building.id, people, FACTORY_PASSWORD, 30);
  const zip = await openZip(await buffer((await exportArchive(db, site.building.id, { key: serverSealKey(), publicBaseUrl: 'https://gczl.example.cn' })).stream));
  files = new Map();
  for (const p of zip.paths) files.set(p, await zip.read(p));
  zip.close();
}, 180_000);

describe('the archive of a completed building', () => {
  it('verifies, with every acceptance signature', async () => {
    const signatures = await db.signature.count({ where: { buildingId: site.building.id } });
    expect(await verifyArchive(inMemory(files))).toMatchObject({ ok: true, signatures });
  });

  it('tells in report.pdf the 分部 and 竣工 acceptances with their signers, the documents and the warranty periods', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, files.get(PATHS.report)!);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    fs.rmSync(dir, { recursive: true, force: true });
    const text = stdout.replace(/[ \t]+/g, ' ');
    const { completedOn, designWorkingLifeYears } = await db.building.findUniqueOrThrow({ where: { id: site.building.id } });
    expect(completedOn).not.toBeNull();
    const completed = completedOn!.toISOString().slice(0, 10);

    expect(text).toContain('分部工程验收：地基与基础');
    expect(text).toContain('分部工程验收：主体结构');
    expect(text).toContain(`单位工程竣工验收（${completed}）`);
    expect(text).toMatch(/结论：验收通过/);
    expect(text).toContain('施工单位 项目技术负责人：同意，同意验收');
    expect(text).toContain(`签署：总监理工程师 ${site.leaders.SUPERVISION.name}`);
    expect(text).toMatch(/工程竣工报告（施工单位，\d{4}-\d{2}-\d{2}）：工程已完成设计和合同约定的全部内容/);
    expect(text).toContain(`最低保修期限（自 ${completed} 起）`);
    const structureUntil = `${Number(completed.slice(0, 4)) + designWorkingLifeYears}${completed.slice(4)}`;
    expect(text).toContain(`地基基础工程和主体结构工程：至 ${structureUntil}`);
    expect(text).toContain('（无报修记录）');
  });
});
