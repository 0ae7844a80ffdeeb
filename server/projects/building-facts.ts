import type { Prisma } from '@/server/generated/prisma/client';

/** A @db.Date value (UTC midnight) as its calendar date, YYYY-MM-DD. */
export const dateOnly = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);

/** The descriptive columns of a 单位工程: public data, shown on its page and its plaque. */
export const BUILDING_FACTS_SELECT = {
  code: true,
  name: true,
  address: true,
  structureType: true,
  floorsAbove: true,
  floorsBelow: true,
  grossArea: true,
  designWorkingLifeYears: true,
  plannedStartOn: true,
  plannedCompletionOn: true,
  completedOn: true,
} as const satisfies Prisma.BuildingSelect;

export interface BuildingFacts {
  code: string;
  name: string;
  address: string | null;
  structureType: string | null;
  floorsAbove: number | null;
  floorsBelow: number | null;
  /** 建筑面积 in m², as the decimal text stored (e.g. "12850.50") */
  grossArea: string | null;
  designWorkingLifeYears: number;
  /** YYYY-MM-DD */
  plannedStartOn: string | null;
  plannedCompletionOn: string | null;
  /** 竣工验收合格 date; null until the milestones domain records it */
  completedOn: string | null;
}

export function buildingFacts(row: Prisma.BuildingGetPayload<{ select: typeof BUILDING_FACTS_SELECT }>): BuildingFacts {
  return {
    code: row.code,
    name: row.name,
    address: row.address,
    structureType: row.structureType,
    floorsAbove: row.floorsAbove,
    floorsBelow: row.floorsBelow,
    grossArea: row.grossArea?.toFixed(2) ?? null,
    designWorkingLifeYears: row.designWorkingLifeYears,
    plannedStartOn: dateOnly(row.plannedStartOn),
    plannedCompletionOn: dateOnly(row.plannedCompletionOn),
    completedOn: dateOnly(row.completedOn),
  };
}
