import { LEADER_TITLE, PARTY_ROLES, type PartyRole } from '@/server/authz/roles';
import { currentChainState } from '@/server/archive/chain-checks';
import type { Db } from '@/server/db/client';
import { chinaDate } from '@/server/dates';
import { BUILDING_FACTS_SELECT, buildingFacts, type BuildingFacts } from '@/server/projects/building-facts';
import { withToday } from '@/server/warranty/read';
import { termsOf } from '@/server/warranty/service';

/**
 * The 永久性标牌 data of a building (DESIGN.md Contract 4; parties-and-pledges.md §6): what the
 * public page /b/<code> and the printed plaque show. Public by design, so it is built from an
 * explicit `select` of names only: never ID numbers, phone numbers, user ids or logins.
 */


export interface PlaqueParty {
  role: PartyRole;
  /** e.g. 施工单位项目经理, 总监理工程师 */
  leaderTitle: string;
  /** null: no organization registered for this party yet */
  organizationName: string | null;
  /** The current 项目负责人 (a leader seat that has not ended); null: none registered */
  leaderName: string | null;
}

/**
 * The building's archive as verified at `verifiedAt` (within the last few minutes, and since its
 * last event: server/archive/chain-checks.ts). A broken chain names the first seq that fails; the
 * verifier's reason is not shown in public (it can carry internal ids).
 */
export type PlaqueChain =
  | { ok: true; length: number; head: string; verifiedAt: Date }
  | { ok: false; length: number; brokenAt: number; verifiedAt: Date };

export interface PublicBuildingRecord {
  project: { name: string; address: string };
  building: BuildingFacts;
  parties: PlaqueParty[];
  /** 保修: each category's term from the 竣工验收 date (条例 art 40); null before 竣工验收. */
  warranty: ReturnType<typeof withToday>;
  chain: PlaqueChain;
}

/** The plaque data of the building with this public code; null if there is none. */
export async function publicBuildingRecord(db: Db, code: string): Promise<PublicBuildingRecord | null> {
  const building = await db.building.findUnique({
    where: { code },
    select: {
      id: true,
      ...BUILDING_FACTS_SELECT,
      project: {
        select: {
          name: true,
          address: true,
          parties: { select: { role: true, organization: { select: { name: true } } } },
          members: {
            where: { isLeader: true, endedAt: null },
            // The latest seat first, should a change ever leave two open
            orderBy: { startedAt: 'desc' },
            select: { role: true, user: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!building) return null;

  const { project } = building;
  const parties = PARTY_ROLES.map((role) => ({
    role,
    leaderTitle: LEADER_TITLE[role],
    organizationName: project.parties.find((p) => p.role === role)?.organization.name ?? null,
    leaderName: project.members.find((m) => m.role === role)?.user.name ?? null,
  }));

  const state = await currentChainState(db, building.id);
  const chain: PlaqueChain = state.ok
    ? { ok: true, length: state.length, head: state.head, verifiedAt: state.checkedAt }
    : { ok: false, length: state.length, brokenAt: state.brokenAt, verifiedAt: state.checkedAt };

  return {
    project: { name: project.name, address: project.address },
    building: buildingFacts(building),
    parties,
    warranty: withToday(termsOf(building), chinaDate()),
    chain,
  };
}
