import { LEADER_TITLE, PARTY_ROLES, type PartyRole } from '@/server/authz/roles';
import type { DbOrTx } from '@/server/db/client';
import { verifyChain } from '@/server/ledger/verify';
import { BUILDING_FACTS_SELECT, buildingFacts, type BuildingFacts } from '@/server/projects/building-facts';

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
 * The building's archive as verified at `verifiedAt`. A broken chain names the first seq that
 * fails; the verifier's reason is not shown in public (it can carry internal ids).
 */
export type PlaqueChain =
  | { ok: true; length: number; head: string; verifiedAt: Date }
  | { ok: false; length: number; brokenAt: number; verifiedAt: Date };

export interface PublicBuildingRecord {
  project: { name: string; address: string };
  building: BuildingFacts;
  parties: PlaqueParty[];
  /**
   * 保修 summary. Always null for now: warranty terms come with the warranty domain, which
   * widens this type; until then the page says the terms are published after 竣工验收.
   */
  warranty: null;
  chain: PlaqueChain;
}

/** The plaque data of the building with this public code; null if there is none. */
export async function publicBuildingRecord(db: DbOrTx, code: string): Promise<PublicBuildingRecord | null> {
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

  const verdict = await verifyChain(db, building.id);
  const verifiedAt = verdict.ok ? verdict.verifiedAt : new Date();
  const chain: PlaqueChain = verdict.ok
    ? { ok: true, length: verdict.count, head: verdict.head, verifiedAt }
    : { ok: false, length: verdict.count, brokenAt: verdict.brokenAt, verifiedAt };

  return {
    project: { name: project.name, address: project.address },
    building: buildingFacts(building),
    parties,
    warranty: null,
    chain,
  };
}
