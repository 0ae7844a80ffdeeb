/**
 * Material kinds whose samples must be witnessed (见证取样, 建建〔2000〕211号 — content ✅, article
 * numbers ⚠️; acceptance-gb50300.md §7), and the minimum witnessed share of the samples the
 * standards require: 30 %.
 */
export const WITNESSED_SHARE_MINIMUM = 0.3;

export const MATERIAL_KINDS = {
  CONCRETE_SPECIMEN: { name: '承重结构混凝土试块', witnessRequired: true },
  MORTAR_SPECIMEN: { name: '承重墙体砌筑砂浆试块', witnessRequired: true },
  REBAR: { name: '承重结构钢筋及连接接头试件', witnessRequired: true },
  MASONRY_UNIT: { name: '承重墙的砖和混凝土小型砌块', witnessRequired: true },
  CEMENT: { name: '拌制混凝土和砌筑砂浆的水泥', witnessRequired: true },
  ADMIXTURE: { name: '承重结构混凝土中的掺加剂', witnessRequired: true },
  WATERPROOFING: { name: '地下、屋面、厕浴间使用的防水材料', witnessRequired: true },
  OTHER: { name: '其他材料', witnessRequired: false },
} as const;

export type MaterialKind = keyof typeof MATERIAL_KINDS;
export const MATERIAL_KIND_CODES = Object.keys(MATERIAL_KINDS) as [MaterialKind, ...MaterialKind[]];

/** The witnessed share of one kind's samples against the minimum. */
export function witnessedShare(kind: MaterialKind, samples: { witnessed: boolean }[]) {
  const total = samples.length;
  const witnessed = samples.filter((s) => s.witnessed).length;
  const share = total === 0 ? null : witnessed / total;
  const required = MATERIAL_KINDS[kind].witnessRequired;
  return { kind, total, witnessed, share, minimum: required ? WITNESSED_SHARE_MINIMUM : null, meets: !required || (share !== null && share >= WITNESSED_SHARE_MINIMUM) };
}
