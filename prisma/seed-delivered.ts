/**
 * The delivered phase of the demo developer's estate, built by the same five parties: 滨江花园一期
 * 5#住宅楼, taken through 分部验收 and 竣工验收 ten days ago (its 备案 still to do), and 6#住宅楼,
 * accepted some 900 days ago, filed and reported on (its two-year terms over); their units,
 * two demo homeowners and their warranty claims — one closed after a repair, one open, one past
 * the contractor's response time (escalated). Everything goes through the services the app uses;
 * the claims' history is written with the service's clock set back (`now`), as it would have been
 * recorded on those days.
 */
import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { Actor } from '@/server/authz/actor';
import type { PartyRole } from '@/server/authz/roles';
import type { Db } from '@/server/db/client';
import { samplePhoto } from '@/server/evidence/sample-photos';
import { uploadPhoto } from '@/server/evidence/service';
import { addStaff, appointLeader, assignParty } from '@/server/parties/service';
import { attachOriginal, registerForSupervision, signPledges } from '@/server/pledges/service';
import { chinaDate } from '@/server/dates';
import { recordFiling } from '@/server/milestones/service';
import { issueSupervisionReport } from '@/server/supervision/report';
import { exportArchive } from '@/server/archive/export';
import { PATHS } from '@/server/archive/format';
import { recordHandover } from '@/server/archive/handover';
import { serverSealKey } from '@/server/archive/service';
import { openZip } from '@/server/archive/zip-source';
import { createBuilding, createProject } from '@/server/projects/service';
import { storeFile } from '@/server/storage';
import { addClaimStep, fileClaim, importUnits } from '@/server/warranty/service';
import { demoPdf, seedCompletedBuilding, type CompletionPeople } from './seed-site';

export const DELIVERED_PROJECT = { code: 'BJHY-2024-01', name: '滨江花园一期', address: '福建省福州市仓山区浦上大道 206 号', regionCode: '350104' };
/** The next building codes the service numbers in 350104, after the first project's 1# and 2#. */
export const DELIVERED_BUILDING = { code: 'BL-350104-0003', name: '5#住宅楼' };
/** Completed long ago: filed, reported, and its two-year terms have ended. */
export const OLDER_BUILDING = { code: 'BL-350104-0004', name: '6#住宅楼' };
/** 6#'s 竣工验收: about two and a half years ago. */
export const OLDER_DAYS_AGO = 900;
/** Completion accepted this many days ago: its 15 days of 备案 are still running. */
export const DELIVERED_DAYS_AGO = 10;
/** Units 5-0101 … 5-1102: eleven floors, two per floor. */
export const DELIVERED_UNITS = Array.from({ length: 11 }, (_, f) => [1, 2].map((n) => `5-${String(f + 1).padStart(2, '0')}${String(n).padStart(2, '0')}`)).flat();

export interface DeliveredPeople extends CompletionPeople {
  /** The demo homeowners: the first owns 5-0602, the second 5-1101 and 6-0301. */
  homeowners: [Actor, Actor];
  inspector: Actor;
}

export async function seedDeliveredProject(db: Db, people: DeliveredPeople, orgIds: Record<PartyRole, string>, leaderDetails: Record<PartyRole, { idNumber: string; qualificationType: string; qualificationNo: string }>, password: string) {
  const { leaders, technicalLead, qualityHead, qc, engineer, homeowners } = people;
  const owner = leaders.OWNER;
  const { id: projectId } = await createProject(db, owner, { ...DELIVERED_PROJECT, ownerOrganizationId: orgIds.OWNER });
  for (const role of ['SURVEY', 'DESIGN', 'CONSTRUCTION', 'SUPERVISION'] as const) await assignParty(db, owner, { projectId, role, organizationId: orgIds[role] });
  const addBuilding = async (facts: { code: string; name: string }, plannedStartOn: string, plannedCompletionOn: string) => {
    const created = await createBuilding(db, owner, { projectId, name: facts.name, address: DELIVERED_PROJECT.address, structureType: '剪力墙结构', floorsAbove: 11, floorsBelow: 1, grossArea: 5820.4, designWorkingLifeYears: 50, plannedStartOn, plannedCompletionOn });
    if (created.code !== facts.code) throw new Error(`the delivered demo building got ${created.code}, not ${facts.code}`);
    return created;
  };
  const building = await addBuilding(DELIVERED_BUILDING, '2024-09-01', '2026-11-30');
  const older = await addBuilding(OLDER_BUILDING, '2022-03-01', '2024-06-30');
  for (const [role, leader] of Object.entries(leaders) as [PartyRole, Actor][]) {
    await appointLeader(db, owner, { projectId, role, userId: leader.userId, ...leaderDetails[role] });
  }
  await addStaff(db, owner, { projectId, role: 'CONSTRUCTION', userId: qc.userId, title: '项目专业质量检查员' });
  await addStaff(db, owner, { projectId, role: 'SUPERVISION', userId: engineer.userId, title: '专业监理工程师' });
  await addStaff(db, owner, { projectId, role: 'CONSTRUCTION', userId: technicalLead.userId, title: '项目技术负责人', position: 'TECHNICAL_LEAD' });
  await addStaff(db, owner, { projectId, role: 'CONSTRUCTION', userId: qualityHead.userId, title: '公司技术质量部经理', position: 'TECH_QUALITY_HEAD' });
  for (const [role, leader] of Object.entries(leaders) as [PartyRole, Actor][]) {
    await signPledges(db, leader, { projectId, role, password });
    const scan = await storeFile(db, { bytes: await demoPdf('法定代表人授权书（原件扫描件 · 演示数据）', [`项目：${DELIVERED_PROJECT.name}`, `角色：${role}`]), mediaType: 'application/pdf', createdById: leader.userId });
    await attachOriginal(db, leader, { projectId, role, fileSha256: scan.sha256 });
  }
  await registerForSupervision(db, owner, building.id);
  await registerForSupervision(db, owner, older.id);
  await seedCompletedBuilding(db, building.id, people, password, DELIVERED_DAYS_AGO);
  // 6#: accepted long ago, filed within its 15 days, and reported on by the 质监站.
  await seedCompletedBuilding(db, older.id, people, password, OLDER_DAYS_AGO);
  const olderDay = (d: number) => chinaDate(new Date(Date.now() - d * 86_400_000));
  await recordFiling(db, owner, { buildingId: older.id, filedOn: olderDay(OLDER_DAYS_AGO - 8), authority: '福州市城乡建设局', filingNumber: '榕建竣备-2024-0318', password, idempotencyKey: randomUUID() });
  await issueSupervisionReport(db, people.inspector, { buildingId: older.id, conclusion: '该工程竣工验收的组织形式、验收程序、执行验收标准符合规定，同意备案。', password, idempotencyKey: randomUUID() });
  // …and its archive handed to the 城建档案馆 two months after, with the signed 移交清单.
  const exported = await openZip(await buffer((await exportArchive(db, older.id, { key: serverSealKey(), publicBaseUrl: 'https://gczl.example.cn' })).stream));
  const seal = (await exported.read(PATHS.seal)).toString('utf8');
  exported.close();
  const transferList = await storeFile(db, { bytes: await demoPdf('城建档案移交清单（双方签章扫描件 · 演示数据）', [`工程：${DELIVERED_PROJECT.name} ${OLDER_BUILDING.name}`, '接收单位：福州市城市建设档案馆']), mediaType: 'application/pdf', createdById: owner.userId });
  await recordHandover(db, owner, { buildingId: older.id, seal, archiveAgency: '福州市城市建设档案馆', receiptNo: 'FZCJ-2024-0412', handedOn: olderDay(OLDER_DAYS_AGO - 60), transferListSha256: transferList.sha256 });
  await importUnits(db, owner, { buildingId: older.id, csv: ['户号', ...DELIVERED_UNITS.map((n) => n.replace(/^5-/, '6-'))].join('\n') });

  // Units, and the two demo homeowners' homes (they joined with invitation codes in the story).
  await importUnits(db, owner, { buildingId: building.id, csv: ['户号', ...DELIVERED_UNITS].join('\n') });
  const unitOf = async (number: string) => (await db.unit.findUniqueOrThrow({ where: { buildingId_number: { buildingId: building.id, number } } })).id;
  const [first, second] = homeowners;
  const firstUnit = await unitOf('5-0602');
  const secondUnit = await unitOf('5-1101');
  const olderUnit = (await db.unit.findUniqueOrThrow({ where: { buildingId_number: { buildingId: older.id, number: '6-0301' } } })).id;
  await db.unitOwner.createMany({ data: [{ unitId: firstUnit, userId: first.userId }, { unitId: secondUnit, userId: second.userId }, { unitId: olderUnit, userId: second.userId }] });

  const daysAgo = (d: number, hour = 10) => new Date(Date.now() - d * 86_400_000 + (hour - 10) * 3_600_000);
  let photoSeed = 5100;
  // Photos are received now, so they are taken now: a capture days before its upload is what the
  // desk flags as suspect, and these are demo stand-ins, not evidence of those days.
  const photo = async (by: Actor, label: string) => (await uploadPhoto(db, by, { buildingId: building.id, bytes: await samplePhoto(photoSeed++, { takenAt: new Date(), label }) })).id;
  const contractor = leaders.CONSTRUCTION;
  const step = (claimId: string, by: Actor, kind: 'ACKNOWLEDGED' | 'VISIT_SCHEDULED' | 'REPAIRED' | 'CONFIRMED', at: Date, extra: { text?: string; visitAt?: string; photoIds?: string[] } = {}) =>
    addClaimStep(db, by, { claimId, kind, text: extra.text ?? '', visitAt: extra.visitAt, photoIds: extra.photoIds ?? [], idempotencyKey: randomUUID() }, at);

  // Closed: a cracked wall finish, repaired and confirmed.
  const wall = await fileClaim(db, first, { unitId: firstUnit, category: 'DECORATION', location: '客厅北墙', description: '客厅北墙乳胶漆出现多条细裂缝，长约 1 米', photoIds: [await photo(first, '客厅北墙裂缝')], idempotencyKey: randomUUID() }, daysAgo(8));
  await step(wall.id, contractor, 'ACKNOWLEDGED', daysAgo(8, 14), { text: '已收到，安排维修班组' });
  await step(wall.id, contractor, 'VISIT_SCHEDULED', daysAgo(7), { visitAt: daysAgo(6, 9).toISOString(), text: '维修班组 陈师傅 13800000020' });
  await step(wall.id, contractor, 'REPAIRED', daysAgo(6, 16), { text: '铲除裂缝处腻子，挂网重新批刮并涂刷两遍', photoIds: [await photo(contractor, '客厅北墙修补后')] });
  await step(wall.id, first, 'CONFIRMED', daysAgo(5), { text: '已修好，谢谢' });

  // Open: a kitchen pipe, filed yesterday.
  await fileClaim(db, first, { unitId: firstUnit, category: 'MEP_INSTALLATION', location: '厨房水槽下', description: '水槽下给水管接头渗水', photoIds: [await photo(first, '厨房给水管接头')], idempotencyKey: randomUUID() }, daysAgo(1));

  // Overdue: a leaking bathroom nine days ago, not yet answered — escalated to the 建设单位.
  await fileClaim(db, second, { unitId: secondUnit, category: 'WATERPROOFING', location: '主卫地面', description: '主卫地面渗水，楼下 5-1001 顶棚出现水渍', photoIds: [await photo(second, '主卫地面渗水')], idempotencyKey: randomUUID() }, daysAgo(9));
  return building;
}
