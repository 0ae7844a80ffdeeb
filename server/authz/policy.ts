import type { Prisma } from '@/server/generated/prisma/client';
import { DomainError } from '@/server/errors';
import type { Actor } from './actor';
import type { GlobalRole, PartyRole } from './roles';

/**
 * The one policy module: which actor may do which action on which subject.
 * Every tRPC procedure and route handler asks `can`/`authorize` (or lists
 * through `visibleProjectsWhere`, the same rules as a query). Pure: callers
 * load the subject (server/authz/subjects.ts) and pass it in.
 */

/** The actor's seat in a project's party (ProjectMember). */
export interface Seat {
  role: PartyRole;
  isLeader: boolean;
  endedAt: Date | null;
}

export type Subject =
  | { kind: 'none' }
  /** Something that belongs to one user, e.g. an API token. */
  | { kind: 'owned'; ownerId: string }
  /** An organization, for acts its members may do (e.g. register a project as its 建设单位). */
  | { kind: 'organization'; organizationId: string }
  /**
   * A project or one of its buildings, seen from this actor. `party` narrows it to one of the
   * five parties, for acts of that party (its leader's pledges, its staff).
   */
  | {
      kind: 'project';
      projectId: string;
      regionCode: string;
      seats: Seat[];
      ownsUnit: boolean;
      party?: { role: PartyRole; organizationId: string | null };
    };

interface Rule {
  /** Global roles that may always do it. */
  global?: GlobalRole[];
  /** Any signed-in actor. */
  anyone?: true;
  /** The owner of an `owned` subject. */
  self?: true;
  /** Not through an API token: a leaked token must not mint or revoke tokens. */
  sessionOnly?: true;
  /** Holders of a current seat in these parties of the project ('any': any party, past seats included). */
  parties?: PartyRole[] | 'any';
  /** For a subject narrowed to a party: its current seat holders and the members of its organization. */
  ownParty?: true;
  /** For a subject narrowed to a party: only its current 项目负责人, in person. */
  partyLeader?: true;
  /** For an `organization` subject: its members. */
  orgMember?: true;
  /** INSPECTORs whose 质监站 jurisdiction covers the project's region. */
  jurisdiction?: true;
  /** HOMEOWNERs who own a unit in the subject (a building's units). */
  unitOwner?: true;
}

const RULES = {
  'profile.read': { anyone: true },
  'organization.list': { global: ['ADMIN'] },
  'organization.create': { global: ['ADMIN'] },
  'organization.update': { global: ['ADMIN'] },
  'user.list': { global: ['ADMIN'] },
  'user.create': { global: ['ADMIN'] },
  'user.disable': { global: ['ADMIN'] },
  'password.change': { anyone: true, sessionOnly: true },
  'token.list': { self: true },
  'token.create': { self: true, sessionOnly: true },
  'token.revoke': { self: true, sessionOnly: true },
  // A person stays answerable for a project for life (124号 art 3), so a past seat still sees it.
  'project.view': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  'building.view': { global: ['ADMIN'], parties: 'any', jurisdiction: true, unitOwner: true },
  // The 建设单位 registers the project and runs it (条例 ch. 2); ADMIN helps set it up.
  'project.create': { global: ['ADMIN'], orgMember: true },
  'project.manage': { global: ['ADMIN'], parties: ['OWNER'] },
  // Each party names its own people (the 授权书 is its 法定代表人's act); the 建设单位 may enter them for it.
  'party.staff': { global: ['ADMIN'], parties: ['OWNER'], ownParty: true },
  // Pledges carry ID numbers: the parties, their inspectors and ADMIN read them; homeowners and the public see the plaque only.
  'pledge.read': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  // Only the 项目负责人 in person, with a password re-entered in a session (124号 art 8).
  'pledge.sign': { partyLeader: true, sessionOnly: true },
  'pledge.attachOriginal': { ownParty: true },
  'supervision.register': { parties: ['OWNER'] },
  'plaque.download': { global: ['ADMIN'], parties: ['OWNER'] },
  // Inspection records (GB 55032 4.3.1): the 施工单位 plans and self-checks, the 监理 accepts; inspectors and parties read.
  'inspection.read': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  'inspection.plan': { parties: ['CONSTRUCTION'] },
  'inspection.submit': { parties: ['CONSTRUCTION'], sessionOnly: true },
  'inspection.review': { parties: ['SUPERVISION'], sessionOnly: true },
  // 隐蔽工程 (条例 art 30) and 旁站 (189号): each side signs its own part.
  'concealed.record': { parties: ['CONSTRUCTION'], sessionOnly: true },
  'concealed.review': { parties: ['SUPERVISION'], sessionOnly: true },
  'sideStation.record': { parties: ['SUPERVISION'], sessionOnly: true },
  'sideStation.confirm': { parties: ['CONSTRUCTION'], sessionOnly: true },
  // Materials (条例 arts 29, 31, 37): the 施工单位 receives and samples; the 监理 (or 建设单位) witnesses and approves.
  'material.record': { parties: ['CONSTRUCTION'], sessionOnly: true },
  'material.approve': { parties: ['SUPERVISION'], sessionOnly: true },
  'sample.record': { parties: ['CONSTRUCTION', 'SUPERVISION', 'OWNER'], sessionOnly: true },
  'sample.result': { parties: ['CONSTRUCTION', 'SUPERVISION'], sessionOnly: true },
  // 质量监督 (条例 arts 46–48): the 质监站 of the region inspects and writes supervision records; the parties read them.
  'supervision.read': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  'supervision.inspect': { jurisdiction: true, sessionOnly: true },
  // 局部暂停施工 and 复工 (supervision.md §4): the inspector of the region orders and lifts the 质监站's
  // (条例 art 48); the 总监 — the 监理's 项目负责人 in person — the 工程暂停令 and 复工令 (GB/T 50319 6.2).
  'suspension.inspector': { jurisdiction: true, sessionOnly: true },
  'suspension.chiefSupervisor': { partyLeader: true, sessionOnly: true },
  // 整改通知单 (条例 art 48(三); supervision.md §3): the inspector of the region issues and verifies; the
  // addressed party's 项目负责人 answers in person (docs/decisions/009). Reading goes with 'supervision.read'.
  'notice.issue': { jurisdiction: true, sessionOnly: true },
  'notice.respond': { partyLeader: true, sessionOnly: true },
  'notice.verify': { jurisdiction: true, sessionOnly: true },
  // The desk of a 质监站: the projects of its jurisdiction (the query narrows them), or all for ADMIN.
  'supervision.dashboard': { global: ['ADMIN', 'INSPECTOR'] },
  // The permanent archive (Contract 5) carries the pledges' ID numbers, so it goes to whoever may read them.
  'archive.export': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  // The 建设单位 transfers the archive to the 城建档案馆 (条例 art 17).
  'archive.handover': { parties: ['OWNER'] },
  // The verification of every building's ledger on a schedule, its passes and its alerts (the operator's watch).
  'chain.monitor': { global: ['ADMIN'] },
  // Milestones (acceptance-gb50300.md §4): the organizer — the 总监 for a 分部, the 建设单位项目负责人 for
  // 竣工验收 — opens it in person; each required signatory signs in their own seat (the service checks
  // the seat and post); the documents before 竣工验收 and the 备案 are their party leader's acts.
  'milestone.read': { global: ['ADMIN'], parties: 'any', jurisdiction: true },
  'milestone.organize': { partyLeader: true, sessionOnly: true },
  'milestone.sign': { parties: ['OWNER', 'SURVEY', 'DESIGN', 'CONSTRUCTION', 'SUPERVISION'], sessionOnly: true },
  'completion.document': { partyLeader: true, sessionOnly: true },
  'completion.filing': { partyLeader: true, sessionOnly: true },
  // 工程质量监督报告 (令5号): the inspector of the region, after 竣工验收.
  'supervision.report': { jurisdiction: true, sessionOnly: true },
  // Evidence is taken on site by the parties' current people and by the 质监站's inspectors; homeowners
  // photograph the defects they report.
  'evidence.upload': { parties: ['OWNER', 'CONSTRUCTION', 'SUPERVISION'], jurisdiction: true, unitOwner: true },
  // Warranty (warranty.md): a building's terms and claims are read by its parties, its inspectors,
  // ADMIN and its homeowners (the service narrows them to their own units); the 建设单位 keeps the units
  // and invites the buyers; a homeowner (or the 建设单位, 令80 art 9) files; the 施工单位 answers.
  'warranty.read': { global: ['ADMIN'], parties: 'any', jurisdiction: true, unitOwner: true },
  'unit.manage': { global: ['ADMIN'], parties: ['OWNER'] },
  'claim.file': { parties: ['OWNER'], unitOwner: true, sessionOnly: true },
  'claim.step': { parties: ['OWNER', 'CONSTRUCTION'], unitOwner: true, sessionOnly: true },
  'claim.contractor': { parties: ['CONSTRUCTION'] },
  'claim.owner': { parties: ['OWNER'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

/**
 * A 质监站's jurisdiction lists GB/T 2260 codes: 350000 (a province) covers
 * every code starting 35, 350100 (a city) every code starting 3501, a county
 * code only itself.
 */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function inJurisdiction(jurisdiction: string[], regionCode: string): boolean {
  return jurisdiction.some((code) => regionCode.startsWith(regionPrefix(code)));
}

export function can(actor: Actor, action: Action, subject: Subject = { kind: 'none' }): boolean {
  const rule: Rule = RULES[action];
  if (rule.sessionOnly && actor.via !== 'session') return false;
  if (rule.anyone) return true;
  if (rule.global?.some((role) => actor.roles.includes(role))) return true;
  if (rule.self && subject.kind === 'owned' && subject.ownerId === actor.userId) return true;
  if (rule.orgMember && subject.kind === 'organization' && actor.organizationIds.includes(subject.organizationId)) return true;
  if (subject.kind !== 'project') return false;
  const { parties } = rule;
  if (parties === 'any' && subject.seats.length > 0) return true;
  if (parties && parties !== 'any' && subject.seats.some((seat) => seat.endedAt === null && parties.includes(seat.role))) return true;
  const party = subject.party;
  const current = (seat: Seat) => seat.endedAt === null && seat.role === party?.role;
  if (rule.partyLeader && party && subject.seats.some((seat) => current(seat) && seat.isLeader)) return true;
  if (rule.ownParty && party) {
    if (subject.seats.some(current)) return true;
    if (party.organizationId !== null && actor.organizationIds.includes(party.organizationId)) return true;
  }
  if (rule.jurisdiction && actor.roles.includes('INSPECTOR') && inJurisdiction(actor.jurisdiction, subject.regionCode)) {
    return true;
  }
  return Boolean(rule.unitOwner && actor.roles.includes('HOMEOWNER') && subject.ownsUnit);
}

/** Throws FORBIDDEN unless `can`; returns nothing to keep the call a plain guard. */
export function authorize(actor: Actor, action: Action, subject: Subject = { kind: 'none' }): void {
  if (!can(actor, action, subject)) throw new DomainError('FORBIDDEN');
}

/**
 * The rows of `project.view` as a query, for lists that must scale (an
 * inspector's 1,000 projects). Kept beside RULES; a test proves both agree.
 */
export function visibleProjectsWhere(actor: Actor): Prisma.ProjectWhereInput {
  if (actor.roles.includes('ADMIN')) return {};
  const or: Prisma.ProjectWhereInput[] = [{ members: { some: { userId: actor.userId } } }];
  if (actor.roles.includes('INSPECTOR')) {
    for (const code of actor.jurisdiction) or.push({ regionCode: { startsWith: regionPrefix(code) } });
  }
  if (actor.roles.includes('HOMEOWNER')) {
    or.push({ buildings: { some: { units: { some: { owners: { some: { userId: actor.userId } } } } } } });
  }
  return { OR: or };
}
