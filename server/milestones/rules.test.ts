import { describe, expect, test } from 'vitest';
import { completionPreconditions, latestNoticeDay, unmet, type CompletionFacts } from './preconditions';
import { requiredSignatories, signatoryKey, type Signatory } from './signatories';
import { deadlineFrom, FILING_DAYS, milestoneState } from './state';

const keys = (list: Signatory[]) => list.map(signatoryKey);

describe('requiredSignatories (GB 55032-2022 4.3.3–4.3.4)', () => {
  test('a 分部 is organized by the 总监 with the 施工单位 项目负责人 and 项目技术负责人', () => {
    expect(keys(requiredSignatories('DIVISION', '03'))).toEqual(['SUPERVISION:LEADER', 'CONSTRUCTION:LEADER', 'CONSTRUCTION:TECHNICAL_LEAD']);
    for (const code of ['04', '05', '06', '07', '08', '10']) expect(requiredSignatories('DIVISION', code)).toHaveLength(3);
  });
  test('地基与基础 also needs 勘察 and 设计 项目负责人 and the 技术、质量部门负责人', () => {
    expect(keys(requiredSignatories('DIVISION', '01'))).toEqual([
      'SUPERVISION:LEADER',
      'CONSTRUCTION:LEADER',
      'CONSTRUCTION:TECHNICAL_LEAD',
      'SURVEY:LEADER',
      'DESIGN:LEADER',
      'CONSTRUCTION:TECH_QUALITY_HEAD',
    ]);
  });
  test('主体结构 and 建筑节能 also need the 设计 项目负责人 and the 技术、质量部门负责人, not the 勘察', () => {
    for (const code of ['02', '09']) {
      const set = keys(requiredSignatories('DIVISION', code));
      expect(set).toContain('DESIGN:LEADER');
      expect(set).toContain('CONSTRUCTION:TECH_QUALITY_HEAD');
      expect(set).not.toContain('SURVEY:LEADER');
      expect(set).toHaveLength(5);
    }
  });
  test('竣工验收 is organized by the 建设单位项目负责人 with the other four 项目负责人 (the 总监 among them)', () => {
    expect(keys(requiredSignatories('COMPLETION'))).toEqual(['OWNER:LEADER', 'SUPERVISION:LEADER', 'CONSTRUCTION:LEADER', 'DESIGN:LEADER', 'SURVEY:LEADER']);
  });
});

describe('milestoneState', () => {
  const required = requiredSignatories('DIVISION', '03');
  test('open with who is missing, accepted when all agree, refused when one does not', () => {
    const first = { ...required[0]!, agrees: true };
    expect(milestoneState(required, [first])).toEqual({ state: 'OPEN', missing: required.slice(1) });
    expect(milestoneState(required, required.map((s) => ({ ...s, agrees: true }))).state).toBe('ACCEPTED');
    expect(milestoneState(required, [first, { ...required[1]!, agrees: false }]).state).toBe('REFUSED');
  });
});

describe('deadlines from the 竣工验收 date', () => {
  test('备案 is due 15 days after; the last day is not overdue, the day after is', () => {
    expect(deadlineFrom('2026-11-20', FILING_DAYS, null, '2026-12-05')).toEqual({ dueOn: '2026-12-05', done: false, late: false, overdueDays: 0 });
    expect(deadlineFrom('2026-11-20', FILING_DAYS, null, '2026-12-06').overdueDays).toBe(1);
    expect(deadlineFrom('2026-11-20', FILING_DAYS, '2026-12-06', '2026-12-10')).toEqual({ dueOn: '2026-12-05', done: true, late: true, overdueDays: 0 });
    expect(deadlineFrom('2028-02-20', FILING_DAYS, null, '2028-03-06').dueOn).toBe('2028-03-06'); // across 29 February
  });
});

describe('latestNoticeDay: 7 working days before the acceptance', () => {
  test('counts Monday to Friday only', () => {
    expect(latestNoticeDay('2026-12-16')).toBe('2026-12-07'); // a Wednesday: back over one weekend
    expect(latestNoticeDay('2026-12-14')).toBe('2026-12-03'); // a Monday: seven working days is Thursday of the week before last
    expect(latestNoticeDay('2026-12-12')).toBe('2026-12-03'); // a Saturday acceptance counts back from Friday
  });
});

describe('completionPreconditions (supervision.md §5)', () => {
  const ready: CompletionFacts = {
    attestations: { designAndContractDone: true, paymentSettled: true, householdAcceptance: 'NOT_HOUSING', otherConditions: true },
    documents: new Set(['CONSTRUCTION_REPORT', 'QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'DESIGN_CHECK', 'WARRANTY_CERTIFICATE', 'ACCEPTANCE_NOTICE']),
    lots: { total: 12, notAccepted: 0, onFailedMaterial: 0 },
    divisions: { withLots: ['01', '02'], accepted: ['01', '02'] },
    materials: { awaitingApproval: 0, awaitingResult: 0 },
    openNotices: [],
    chiefSupervisorSeated: true,
    pledgesComplete: true,
    activeSuspensions: 0,
    notice: { issuedOn: '2026-12-01', plannedOn: '2026-12-10' },
    heldOn: '2026-12-10',
  };
  const failing = (facts: Partial<CompletionFacts>) => unmet(completionPreconditions({ ...ready, ...facts })).map((p) => p.code);

  test('all met: every condition of the table is checked and none fails', () => {
    const all = completionPreconditions(ready);
    expect(all.map((p) => p.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'DIVISIONS', 'NOTICE', 'NOT_SUSPENDED']);
    expect(unmet(all)).toEqual([]);
  });
  test('each fact fails its own condition', () => {
    expect(failing({ attestations: { ...ready.attestations, designAndContractDone: false } })).toEqual(['C1']);
    expect(failing({ documents: new Set(['QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'DESIGN_CHECK', 'WARRANTY_CERTIFICATE']) })).toEqual(['C2']);
    expect(failing({ documents: new Set(['CONSTRUCTION_REPORT', 'SURVEY_CHECK', 'DESIGN_CHECK', 'WARRANTY_CERTIFICATE']) })).toEqual(['C3']);
    expect(failing({ documents: new Set(['CONSTRUCTION_REPORT', 'QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'WARRANTY_CERTIFICATE']) })).toEqual(['C4']);
    expect(failing({ lots: { total: 12, notAccepted: 1, onFailedMaterial: 0 } })).toEqual(['C5']);
    expect(failing({ lots: { total: 12, notAccepted: 0, onFailedMaterial: 2 } })).toEqual(['C5']);
    expect(failing({ materials: { awaitingApproval: 0, awaitingResult: 1 } })).toEqual(['C6']);
    expect(failing({ attestations: { ...ready.attestations, paymentSettled: false } })).toEqual(['C7']);
    expect(failing({ documents: new Set(['CONSTRUCTION_REPORT', 'QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'DESIGN_CHECK']) })).toEqual(['C8']);
    expect(failing({ attestations: { ...ready.attestations, householdAcceptance: null } })).toEqual(['C9']);
    expect(failing({ openNotices: ['整改-2026-001'] })).toEqual(['C10']);
    expect(failing({ attestations: { ...ready.attestations, otherConditions: false } })).toEqual(['C11']);
    expect(failing({ chiefSupervisorSeated: false })).toEqual(['C12']);
    expect(failing({ pledgesComplete: false })).toEqual(['C13']);
    expect(failing({ divisions: { withLots: ['01', '02'], accepted: ['01'] } })).toEqual(['DIVISIONS']);
    expect(failing({ activeSuspensions: 1 })).toEqual(['NOT_SUSPENDED']);
  });
  test('the unmet list names what is missing', () => {
    const c10 = completionPreconditions({ ...ready, openNotices: ['整改-2026-001', '整改-2026-003'] }).find((p) => p.code === 'C10');
    expect(c10).toEqual({ code: 'C10', met: false, detail: '整改-2026-001、整改-2026-003' });
  });
  test('the notice: 7 working days ahead, for the date it announced', () => {
    expect(failing({ notice: null })).toEqual(['NOTICE']);
    expect(failing({ notice: { issuedOn: '2026-12-02', plannedOn: '2026-12-10' } })).toEqual(['NOTICE']); // 6 working days
    expect(failing({ notice: { issuedOn: '2026-12-01', plannedOn: '2026-12-10' }, heldOn: '2026-12-11' })).toEqual(['NOTICE']);
  });
  test('a building without lots cannot be accepted', () => {
    expect(failing({ lots: { total: 0, notAccepted: 0, onFailedMaterial: 0 }, divisions: { withLots: [], accepted: [] } })).toEqual(['C5', 'DIVISIONS']);
  });
});
