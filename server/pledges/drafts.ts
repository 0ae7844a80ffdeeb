import type { PartyRole } from '@/server/authz/roles';
import { LEADER_TITLE } from '@/server/authz/roles';
import { chinaDate } from '@/server/dates';
import { canonicalJson } from '@/server/ledger/canonical';
import type { AuthorizationContent, PledgeContent, PledgeParty, PledgeLeader, PledgeWork } from './content';
import { PLEDGE_TEXTS } from './texts';

/** What a document is generated from: the project, one building, the party's organization and its leader's seat. */
export interface DraftSource {
  project: { id: string; code: string; name: string; address: string };
  building: { id: string; code: string; name: string; designWorkingLifeYears: number };
  role: PartyRole;
  organization: { name: string; creditCode: string; legalRepresentative: string | null };
  leader: { userId: string; name: string; idNumber: string | null; qualificationType: string | null; qualificationNo: string | null };
}

/** Data a document cannot be generated without, named as the gate names it. */
export function draftBlockers(source: Pick<DraftSource, 'organization' | 'leader'>): ('legalRepresentative' | 'leaderDetails')[] {
  const blockers: ('legalRepresentative' | 'leaderDetails')[] = [];
  if (!source.organization.legalRepresentative) blockers.push('legalRepresentative');
  const { idNumber, qualificationType, qualificationNo } = source.leader;
  if (!idNumber || !qualificationType || !qualificationNo) blockers.push('leaderDetails');
  return blockers;
}

function parts(source: DraftSource): PledgeWork & { party: PledgeParty; leader: PledgeLeader } {
  return {
    project: source.project,
    building: source.building,
    party: {
      role: source.role,
      organizationName: source.organization.name,
      uscc: source.organization.creditCode,
      legalRepresentativeName: source.organization.legalRepresentative ?? '',
    },
    leader: {
      userId: source.leader.userId,
      name: source.leader.name,
      idNumber: source.leader.idNumber ?? '',
      qualificationType: source.leader.qualificationType ?? '',
      qualificationNo: source.leader.qualificationNo ?? '',
      title: LEADER_TITLE[source.role],
    },
  };
}

/** The calendar day in China of an instant, YYYY-MM-DD. */

export function draftAuthorization(source: DraftSource, at: Date): AuthorizationContent {
  return { v: 1, kind: 'leader-authorization', ...parts(source), scopeText: PLEDGE_TEXTS[source.role].scope, authorizedOn: chinaDate(at) };
}

export function draftPledge(source: DraftSource, at: Date, authorization: PledgeContent['authorization']): PledgeContent {
  return { v: 1, kind: 'lifelong-pledge', ...parts(source), authorization, pledgeText: PLEDGE_TEXTS[source.role].pledge, signedOn: chinaDate(at) };
}

/**
 * The facts a signed document states, without its date and the reference to
 * its authorization: when they differ from what would be generated now (the
 * leader's ID was corrected, the organization renamed), the document is stale
 * and must be signed again, superseding it.
 */
export function documentFacts(content: string | AuthorizationContent | PledgeContent): string {
  const parsed = (typeof content === 'string' ? JSON.parse(content) : content) as Record<string, unknown>;
  const { authorizedOn: _a, signedOn: _s, authorization: _ref, kind: _k, scopeText: _t, pledgeText: _p, ...facts } = parsed;
  return canonicalJson(facts);
}
