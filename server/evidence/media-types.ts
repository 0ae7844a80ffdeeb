/** The photo types accepted (recognised by their bytes; HEIC is not: this sharp build cannot decode HEVC). Pure, for the file input too. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];
