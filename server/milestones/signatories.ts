import { LEADER_TITLE, STAFF_POSITION_TITLE, type PartyRole, type StaffPosition } from '@/server/authz/roles';

/**
 * Who must sign a milestone (acceptance-gb50300.md §4, GB 55032-2022 4.3.3–4.3.4, which prevails over
 * GB 50300): the one place that knows it. The first signatory is the organizer, who opens it.
 */

export type SignatoryPosition = 'LEADER' | StaffPosition;
export interface Signatory {
  role: PartyRole;
  position: SignatoryPosition;
}
export type MilestoneLevel = 'DIVISION' | 'COMPLETION';

const leader = (role: PartyRole): Signatory => ({ role, position: 'LEADER' });

/** GB 55032 4.3.3: these 分部 also need the 设计 (and for 01 the 勘察) 项目负责人 and the 施工单位's 技术、质量部门负责人. */
const DIVISION_EXTRA: Record<string, Signatory[]> = {
  '01': [leader('SURVEY'), leader('DESIGN'), { role: 'CONSTRUCTION', position: 'TECH_QUALITY_HEAD' }],
  '02': [leader('DESIGN'), { role: 'CONSTRUCTION', position: 'TECH_QUALITY_HEAD' }],
  '09': [leader('DESIGN'), { role: 'CONSTRUCTION', position: 'TECH_QUALITY_HEAD' }],
};

export function requiredSignatories(level: 'DIVISION', divisionCode: string): Signatory[];
export function requiredSignatories(level: 'COMPLETION'): Signatory[];
export function requiredSignatories(level: MilestoneLevel, divisionCode?: string): Signatory[] {
  if (level === 'COMPLETION') {
    // 4.3.4(5): the 建设单位项目负责人 organizes; the 监理、施工、设计、勘察 项目负责人 take part. The 总监 is the
    // 监理's 项目负责人, so art 37's "no 竣工验收 without the 总监's signature" holds here too.
    return [leader('OWNER'), leader('SUPERVISION'), leader('CONSTRUCTION'), leader('DESIGN'), leader('SURVEY')];
  }
  // 4.3.3: the 总监理工程师 organizes; the 施工单位's 项目负责人 and 项目技术负责人 take part.
  return [leader('SUPERVISION'), leader('CONSTRUCTION'), { role: 'CONSTRUCTION', position: 'TECHNICAL_LEAD' }, ...(DIVISION_EXTRA[divisionCode!] ?? [])];
}

export const signatoryKey = (s: Signatory) => `${s.role}:${s.position}`;

/** How the page and the signed content name the post. */
export const signatoryTitle = (s: Signatory) => (s.position === 'LEADER' ? LEADER_TITLE[s.role] : STAFF_POSITION_TITLE[s.position]);
