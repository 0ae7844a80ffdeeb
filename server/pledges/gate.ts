import type { PartyRole } from '@/server/authz/roles';
import { LEADER_TITLE, PARTY_ROLES } from '@/server/authz/roles';
import type { DbOrTx } from '@/server/db/client';
import { DomainError } from '@/server/errors';
import { documentFacts, draftAuthorization, draftBlockers, type DraftSource } from './drafts';

/**
 * The pledge gate (parties-and-pledges.md §4, `pledgeGate`): a building is
 * ready for 质量监督登记 and for inspection records only when each of the five
 * parties has a current 项目负责人 with a current signed 授权书 (with its
 * 法定代表人's signed and stamped original) and a signed 承诺书 resting on it.
 */
export type GateMissing = 'party' | 'leader' | 'legalRepresentative' | 'leaderDetails' | 'authorization' | 'original' | 'pledge';

type Doc = {
  id: string;
  kind: 'AUTHORIZATION' | 'PLEDGE';
  memberId: string;
  content: string;
  authorizationId: string | null;
  supersededBy: { id: string } | null;
  originals: { id: string; supersededBy: { id: string } | null }[];
};

export interface RoleGate {
  role: PartyRole;
  leaderTitle: string;
  organizationName: string | null;
  leader: { memberId: string; userId: string; name: string } | null;
  /** What is missing, in the order it must be done. Empty: this party is ready. */
  missing: GateMissing[];
  /** The documents that count now, when they exist. */
  authorizationId: string | null;
  pledgeId: string | null;
  /** The current authorization exists but its 法定代表人 original is not attached. */
  needsOriginal: boolean;
  /** The current documents state facts that have since changed, so they must be signed again. */
  stale: boolean;
}

export interface BuildingGate {
  buildingId: string;
  ready: boolean;
  roles: RoleGate[];
}

/** Everything the gate and the drafts need about a project's parties, loaded at once. */
export async function loadPartyState(db: DbOrTx, projectId: string) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      code: true,
      name: true,
      address: true,
      parties: { select: { role: true, organization: { select: { id: true, name: true, creditCode: true, legalRepresentative: true } } } },
      members: {
        where: { isLeader: true, endedAt: null },
        select: { id: true, role: true, userId: true, idNumber: true, qualificationType: true, qualificationNo: true, user: { select: { name: true } } },
      },
      buildings: { orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, designWorkingLifeYears: true } },
    },
  });
  return project;
}
type PartyState = Awaited<ReturnType<typeof loadPartyState>>;

/** The source a document of `role` for `building` is generated from, or why there is none. */
export function draftSource(state: PartyState, buildingId: string, role: PartyRole): DraftSource | 'party' | 'leader' {
  const party = state.parties.find((p) => p.role === role);
  if (!party) return 'party';
  const seat = state.members.find((m) => m.role === role);
  if (!seat) return 'leader';
  const building = state.buildings.find((b) => b.id === buildingId);
  if (!building) throw new DomainError('NOT_FOUND');
  return {
    project: { id: state.id, code: state.code, name: state.name, address: state.address },
    building,
    role,
    organization: party.organization,
    leader: { userId: seat.userId, name: seat.user.name, idNumber: seat.idNumber, qualificationType: seat.qualificationType, qualificationNo: seat.qualificationNo },
  };
}

export function currentDocuments(docs: Doc[], memberId: string) {
  const current = docs.filter((d) => d.memberId === memberId && d.supersededBy === null);
  const authorization = current.find((d) => d.kind === 'AUTHORIZATION') ?? null;
  const pledge = current.find((d) => d.kind === 'PLEDGE' && d.authorizationId === authorization?.id) ?? null;
  return { authorization, pledge };
}

function roleGate(state: PartyState, buildingId: string, role: PartyRole, docs: Doc[]): RoleGate {
  const source = draftSource(state, buildingId, role);
  const organizationName = state.parties.find((p) => p.role === role)?.organization.name ?? null;
  const base = { role, leaderTitle: LEADER_TITLE[role], organizationName, authorizationId: null, pledgeId: null, needsOriginal: false, stale: false };
  if (source === 'party') return { ...base, leader: null, missing: ['party', 'leader', 'authorization', 'original', 'pledge'] };
  if (source === 'leader') return { ...base, leader: null, missing: ['leader', 'authorization', 'original', 'pledge'] };
  const seat = state.members.find((m) => m.role === role)!;
  const leader = { memberId: seat.id, userId: seat.userId, name: seat.user.name };

  const missing: GateMissing[] = [...draftBlockers(source)];
  const { authorization, pledge } = currentDocuments(docs, seat.id);
  // Facts compare without the date: a document signed yesterday for the same facts still counts.
  const facts = documentFacts(draftAuthorization(source, new Date()));
  const stale = authorization !== null && documentFacts(authorization.content) !== facts;
  const hasOriginal = authorization?.originals.some((o) => o.supersededBy === null) ?? false;
  if (!authorization || stale) missing.push('authorization');
  if (!hasOriginal || stale) missing.push('original');
  if (!pledge || stale) missing.push('pledge');
  return {
    ...base,
    leader,
    missing,
    authorizationId: authorization?.id ?? null,
    pledgeId: pledge?.id ?? null,
    needsOriginal: authorization !== null && !stale && !hasOriginal,
    stale,
  };
}

const DOC_SELECT = {
  id: true,
  kind: true,
  memberId: true,
  role: true,
  buildingId: true,
  content: true,
  authorizationId: true,
  supersededBy: { select: { id: true } },
  originals: { select: { id: true, supersededBy: { select: { id: true } } } },
} as const;

/** The gate of each building of a project (all of them, or those named). */
export async function projectGates(db: DbOrTx, projectId: string, buildingIds?: string[]): Promise<BuildingGate[]> {
  const state = await loadPartyState(db, projectId);
  const buildings = buildingIds ? state.buildings.filter((b) => buildingIds.includes(b.id)) : state.buildings;
  const docs = await db.pledgeDocument.findMany({
    where: { projectId, buildingId: { in: buildings.map((b) => b.id) }, memberId: { in: state.members.map((m) => m.id) } },
    select: DOC_SELECT,
  });
  return buildings.map((building) => {
    const roles = PARTY_ROLES.map((role) =>
      roleGate(state, building.id, role, docs.filter((d) => d.buildingId === building.id && d.role === role)),
    );
    return { buildingId: building.id, ready: roles.every((r) => r.missing.length === 0), roles };
  });
}

export async function buildingGate(db: DbOrTx, buildingId: string): Promise<BuildingGate> {
  const building = await db.building.findUnique({ where: { id: buildingId }, select: { projectId: true } });
  if (!building) throw new DomainError('NOT_FOUND');
  const [gate] = await projectGates(db, building.projectId, [buildingId]);
  return gate!;
}

/** For every record that needs the five pledges first (质量监督登记, inspection records): refuses with PLEDGES_MISSING. */
export async function assertPledgeGate(db: DbOrTx, buildingId: string): Promise<BuildingGate> {
  const gate = await buildingGate(db, buildingId);
  if (!gate.ready) throw new DomainError('PLEDGES_MISSING');
  return gate;
}
