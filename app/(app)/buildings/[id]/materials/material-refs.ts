import { MATERIAL_KIND_CODES, MATERIAL_KINDS, type MaterialKind } from '@/server/materials/kinds';

/** A kind's name as kinds.ts gives it (the record keeps the code). */
export const kindName = (kind: string) => MATERIAL_KINDS[kind as MaterialKind]?.name ?? kind;

/** Where a certificate or lab report of this building is downloaded. */
export const materialFileHref = (buildingId: string, sha256: string) => `/api/buildings/${buildingId}/material-files/${sha256}`;

/** The kinds to choose from in a form, named. */
export const KIND_OPTIONS = MATERIAL_KIND_CODES.map((code) => ({ value: code, label: MATERIAL_KINDS[code].name }));
