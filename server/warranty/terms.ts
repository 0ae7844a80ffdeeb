/**
 * Warranty terms of a building (warranty.md §2): the one place that knows the categories, their
 * statutory minimum periods (条例 art 40; 令80 art 7) and how a period is counted (民法典 arts 201–202).
 * Pure: the 竣工验收 date, the design working life and the seasons come from the caller.
 */
import { addYears } from '@/server/dates';

export const WARRANTY_CATEGORIES = ['FOUNDATION_STRUCTURE', 'WATERPROOFING', 'HEATING_COOLING', 'MEP_INSTALLATION', 'DECORATION', 'OTHER'] as const;
export type WarrantyCategory = (typeof WARRANTY_CATEGORIES)[number];

/** The minimum period of each category: years, the design working life, two seasons, or as agreed. */
export const MINIMUM_PERIOD: Record<WarrantyCategory, { kind: 'years'; years: number } | { kind: 'designLife' } | { kind: 'seasons'; seasons: number } | { kind: 'agreed' }> = {
  FOUNDATION_STRUCTURE: { kind: 'designLife' },
  WATERPROOFING: { kind: 'years', years: 5 },
  HEATING_COOLING: { kind: 'seasons', seasons: 2 },
  MEP_INSTALLATION: { kind: 'years', years: 2 },
  DECORATION: { kind: 'years', years: 2 },
  OTHER: { kind: 'agreed' },
};

/** A season as month-day of its first and last day; a heating season runs over the new year. */
export interface Season {
  start: string; // MM-DD
  end: string; // MM-DD
}

/**
 * 采暖期 and 供冷期 are set locally (warranty.md §2 ⚠️): a product setting until jurisdictions carry
 * their own. The defaults are the common northern heating season and a southern cooling season.
 */
export const DEFAULT_SEASONS: { heating: Season; cooling: Season } = {
  heating: { start: '11-15', end: '03-15' },
  cooling: { start: '06-01', end: '09-30' },
};


/**
 * The last day of the n-th complete season after `start`: a season already begun on the start day
 * is not counted (warranty.md §2 ⚠️ default).
 */
export function endOfSeasons(start: string, season: Season, n: number): string {
  const y = Number(start.slice(0, 4));
  const wraps = season.end < season.start;
  let counted = 0;
  for (let year = y - 1; ; year++) {
    const first = `${year}-${season.start}`;
    const last = `${wraps ? year + 1 : year}-${season.end}`;
    if (first > start && ++counted === n) return last;
  }
}

export interface WarrantyTerm {
  category: WarrantyCategory;
  /** The first covered day: the 竣工验收 date (条例 art 40: 自竣工验收合格之日起计算) */
  startsOn: string;
  /** The last covered day; null when the period is as agreed in the 质量保修书 */
  endsOn: string | null;
}

export function warrantyTerms(input: { completedOn: string; designWorkingLifeYears: number; seasons?: { heating: Season; cooling: Season } }): WarrantyTerm[] {
  const { completedOn, designWorkingLifeYears } = input;
  const seasons = input.seasons ?? DEFAULT_SEASONS;
  return WARRANTY_CATEGORIES.map((category) => {
    const period = MINIMUM_PERIOD[category];
    const endsOn =
      period.kind === 'years'
        ? addYears(completedOn, period.years)
        : period.kind === 'designLife'
          ? addYears(completedOn, designWorkingLifeYears)
          : period.kind === 'seasons'
            ? // 2个采暖期、供冷期: covered until the later of the two seasons' second end.
              [endOfSeasons(completedOn, seasons.heating, period.seasons), endOfSeasons(completedOn, seasons.cooling, period.seasons)].sort().at(-1)!
            : null;
    return { category, startsOn: completedOn, endsOn };
  });
}

/** Whether a defect of this category noticed on `on` is in warranty, and until when. */
export function coverage(terms: WarrantyTerm[], category: WarrantyCategory, on: string) {
  const term = terms.find((t) => t.category === category)!;
  if (term.endsOn === null) return { inWarranty: null, endsOn: null } as const;
  return { inWarranty: on >= term.startsOn && on <= term.endsOn, endsOn: term.endsOn } as const;
}
