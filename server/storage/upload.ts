/** Uploads: the largest accepted and the types accepted, recognised by their first bytes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The types accepted, for a file input's `accept` (the server still checks the bytes). */
export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const SIGNATURES: [(typeof UPLOAD_MEDIA_TYPES)[number], number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

export function detectMediaType(bytes: Uint8Array): string | null {
  for (const [type, magic] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}
