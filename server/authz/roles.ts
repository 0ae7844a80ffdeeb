import type { GlobalRole, PartyRole, StaffPosition } from '@/server/generated/prisma/enums';

/**
 * The one place that knows the roles (DESIGN.md "Roles and scope").
 * Display names live in the message catalogs under roles.*; these are the facts.
 */
export const GLOBAL_ROLES = ['ADMIN', 'INSPECTOR', 'HOMEOWNER'] as const satisfies readonly GlobalRole[];

/** The five responsible parties (124号 art 2) and each one's 项目负责人 title, in the order the regulation lists them. */
export const LEADER_TITLE: Record<PartyRole, string> = {
  OWNER: '建设单位项目负责人',
  SURVEY: '勘察单位项目负责人',
  DESIGN: '设计单位项目负责人',
  CONSTRUCTION: '施工单位项目经理',
  SUPERVISION: '总监理工程师',
};

/** The five parties' names as documents print them. */
export const PARTY_NAME: Record<PartyRole, string> = {
  OWNER: '建设单位',
  SURVEY: '勘察单位',
  DESIGN: '设计单位',
  CONSTRUCTION: '施工单位',
  SUPERVISION: '监理单位',
};

/** The five parties in the order the regulation lists them. */
export const PARTY_ROLES = Object.keys(LEADER_TITLE) as [PartyRole, ...PartyRole[]];

export type { GlobalRole, PartyRole };

/** The staff posts acceptance rules name (GB 55032 4.3.3), beside the 项目负责人 (`isLeader`). */
export const STAFF_POSITION_TITLE = {
  TECHNICAL_LEAD: '项目技术负责人',
  TECH_QUALITY_HEAD: '技术、质量部门负责人',
} as const satisfies Record<StaffPosition, string>;
export const STAFF_POSITIONS = Object.keys(STAFF_POSITION_TITLE) as [StaffPosition, ...StaffPosition[]];
export type { StaffPosition };
