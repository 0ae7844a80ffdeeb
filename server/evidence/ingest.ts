/**
 * Photo evidence, before anything is stored: what the server itself can say
 * about the bytes of one uploaded photo. No database, no file store — the
 * caller stores the bytes under `sha256` (server/storage), keeps the
 * thumbnail, and compares `perceptualHash` with the hashes of photos already
 * used elsewhere (hammingDistance ≤ NEAR_COPY_DISTANCE: possibly reused).
 *
 * Three times are kept apart and never merged:
 *  - the EXIF capture time, exactly as the camera wrote it (`exif.takenAtText`,
 *    `exif.offset`; `exif.takenAt` only when the offset makes it an instant);
 *  - `times.deviceTakenAt`, what the phone's clock said (only compared here);
 *  - `times.receivedAt`, the server's clock on receipt (only compared here).
 * exifr's own date revival is off: it would read "2026:11:20 09:31:05" in the
 * server's zone (offline-stack.md).
 */
import { PHOTO_MEDIA_TYPES, type PhotoMediaType } from './media-types';
import exifr from 'exifr';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { sha256Of } from '@/server/storage';
import { detectMediaType, MAX_UPLOAD_BYTES } from '@/server/storage/upload';
import { HASH_INPUT_LONG_EDGE, hammingDistance, perceptualHashOfPixels } from './perceptual-hash';

export { hammingDistance };

/**
 * The photo types this server can decode, recognised by their first bytes.
 * HEIC is not among them: the prebuilt libvips in sharp 0.35 carries libheif
 * with the AV1 codec only (AVIF), not HEVC, so an iPhone's .heic cannot be
 * read here; it is refused as FILE_TYPE_NOT_ALLOWED with detail 'image/heic'.
 * (iOS converts HEIC to JPEG when a page's file input accepts image/jpeg.)
 */
export { PHOTO_MEDIA_TYPES, type PhotoMediaType };

/** |EXIF capture − receipt| above this is flagged CAPTURE_TIME_FAR_FROM_RECEIPT (and likewise against the device's clock). */
export const DEFAULT_MAX_SKEW_HOURS = 24;
/** A capture time later than receipt by more than this (clocks drift a little) is flagged CAPTURE_TIME_AFTER_RECEIPT. */
export const CLOCK_TOLERANCE_MINUTES = 10;
/**
 * Pixels (width × height, as the file declares them) above which a photo is
 * refused before it is decoded: a decompression bomb (a tiny PNG declaring
 * 50000×50000) would otherwise take gigabytes. 100 MP is above every phone's
 * default output (12–50 MP; 200 MP sensors save 12.5 MP unless set otherwise).
 */
export const MAX_PHOTO_PIXELS = 100_000_000;
/** Long edge of the thumbnail, in pixels: the perceptual hash is computed from the same pixels. */
export const THUMBNAIL_LONG_EDGE = HASH_INPUT_LONG_EDGE;
/**
 * Hamming distance (of 64 bits) at or below which two photos are "possibly
 * the same picture". Measured on the sample scenes (sample-photos.ts, 60
 * scenes, 1770 pairs, 1600×1200): different scenes are 12 or more apart
 * (1 pair at 12, 1 % below 18, median 28). Copies: re-encoded at quality 40,
 * resized (1080 px or 640 px), saved as WebP/PNG, blurred: ≤ 4; brightness
 * ±15 %, contrast, gamma, saturation, sharpening: ≤ 8; cropped 1 % a side:
 * ≤ 10; 2 %: mean 7, max 14; 3 %: mean 9; 5 %: mean 13. On two real photos
 * (720×477) a 3 % crop moved 6 bits, 5 % 8–10, and a copy with a region
 * highlighted 8. 10 keeps every different scene out (a 2-bit margin over the
 * closest pair; the hash moves in steps of 2) and catches re-saves, resizes,
 * colour edits and crops of a percent or two. ingest.test.ts pins this down.
 */
export const NEAR_COPY_DISTANCE = 10;

/** The server zone for an EXIF time written without an offset: China has one zone (UTC+8, no DST since 1991). */
export const ASSUMED_CAPTURE_OFFSET = '+08:00';

export type PhotoFlag =
  /** No EXIF block at all (screenshot, chat app re-save, edited): nothing below can be checked. */
  | 'NO_EXIF'
  /** An EXIF block was there but could not be read. Comes with NO_EXIF. */
  | 'EXIF_UNREADABLE'
  /** EXIF without a (valid) DateTimeOriginal. */
  | 'NO_CAPTURE_TIME'
  /** EXIF without a usable GPS position. */
  | 'NO_GPS'
  /** |capture − receivedAt| > maxSkewHours. */
  | 'CAPTURE_TIME_FAR_FROM_RECEIPT'
  /** capture > receivedAt + CLOCK_TOLERANCE_MINUTES: the camera's clock is wrong or the time was edited. */
  | 'CAPTURE_TIME_AFTER_RECEIPT'
  /** deviceTakenAt given and |capture − deviceTakenAt| > maxSkewHours. */
  | 'CAPTURE_TIME_FAR_FROM_DEVICE_TIME';

export interface PhotoExif {
  /** DateTimeOriginal exactly as written (e.g. "2026:11:20 09:31:05"); never converted with the server's zone. */
  takenAtText: string | null;
  /** OffsetTimeOriginal as written ("+08:00"), when present and well-formed. */
  offset: string | null;
  /** The instant, only when takenAtText and offset are both known and valid; else null. */
  takenAt: Date | null;
  latitude: number | null;
  longitude: number | null;
  make: string | null;
  model: string | null;
}

export interface PhotoAnalysis {
  sha256: string;
  mediaType: PhotoMediaType;
  bytes: number;
  /** As displayed: EXIF orientation applied. */
  width: number;
  height: number;
  /** null: no (readable) EXIF at all. */
  exif: PhotoExif | null;
  /** THUMBNAIL_LONG_EDGE px long edge at most, orientation applied, no metadata. */
  thumbnail: { bytes: Buffer; mediaType: 'image/webp' | 'image/jpeg'; width: number; height: number };
  /** 64-bit pHash, 16 hex digits (perceptual-hash.ts). */
  perceptualHash: string;
  flags: PhotoFlag[];
}

export interface PhotoPolicy {
  maxSkewHours?: number;
  /** JPEG by default: PDFs (pdfkit) embed JPEG and PNG only. WebP is ~30 % smaller for the web. */
  thumbnailMediaType?: 'image/jpeg' | 'image/webp';
}

export type PhotoRejection = 'FILE_TOO_LARGE' | 'FILE_TYPE_NOT_ALLOWED' | 'IMAGE_UNREADABLE' | 'IMAGE_TOO_LARGE';

/** A photo refused outright; `code` is stable (the UI translates it), `detail` is for logs. */
export class PhotoRejectedError extends Error {
  constructor(
    readonly code: PhotoRejection,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'PhotoRejectedError';
  }
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The type by the first bytes, never the name; PDFs and everything else are refused. */
export function detectPhotoType(bytes: Uint8Array): PhotoMediaType {
  const type = detectMediaType(bytes);
  if (type === 'image/jpeg' || type === 'image/png') return type;
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) {
    // The major brand, then the compatible brands after the minor version: "mif1" alone says HEIF, not which codec.
    const end = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0));
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
    throw new PhotoRejectedError('FILE_TYPE_NOT_ALLOWED', brands.some((b) => b === 'avif' || b === 'avis') ? 'image/avif' : 'image/heic');
  }
  throw new PhotoRejectedError('FILE_TYPE_NOT_ALLOWED', type ?? 'unknown');
}

/**
 * Decode settings for untrusted input: refuse more than MAX_PHOTO_PIXELS
 * before decoding, and fail on decoding errors and truncated data (an
 * upload cut short) while tolerating libjpeg's warnings, which some phone
 * cameras' files trigger.
 */
const DECODE: SharpOptions = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' };

const EXIFR_OPTIONS = {
  tiff: true, // IFD0 (Make, Model) is always read
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  // Raw values: dates stay the text the camera wrote (exifr would read them in the server's zone).
  reviveValues: false,
  translateValues: false,
  translateKeys: true,
  mergeOutput: true,
} satisfies Parameters<typeof exifr.parse>[1];

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const EXIF_DATE = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

const text = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed;
};

/** Minutes east of UTC of "+08:00", or null when malformed. */
function offsetMinutes(offset: string): number | null {
  const m = OFFSET.exec(offset);
  if (!m) return null;
  const [hours, minutes] = [Number(m[2]), Number(m[3])];
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** The instant "YYYY:MM:DD HH:MM:SS" names at `offset`, or null if it is not a real date (e.g. "0000:00:00 00:00:00"). */
export function exifInstant(takenAtText: string, offset: string): Date | null {
  const m = EXIF_DATE.exec(takenAtText);
  const east = offsetMinutes(offset);
  if (!m || east === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null; // 2026:02:30
  return new Date(local - east * 60_000);
}

/** EXIF from the raw block libvips found (JPEG APP1, PNG eXIf, WebP EXIF), read by exifr: one code path for all three types. */
async function readExif(block: Buffer | undefined): Promise<{ exif: PhotoExif | null; unreadable: boolean }> {
  if (!block?.length) return { exif: null, unreadable: false };
  const tiff = block.subarray(0, 6).equals(EXIF_HEADER) ? block.subarray(6) : block;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(tiff, EXIFR_OPTIONS);
  } catch {
    return { exif: null, unreadable: true };
  }
  if (!tags) return { exif: null, unreadable: true };
  const takenAtText = text(tags.DateTimeOriginal);
  const offsetText = text(tags.OffsetTimeOriginal);
  const offset = offsetText !== null && offsetMinutes(offsetText) !== null ? offsetText : null;
  const [lat, lon] = [tags.latitude, tags.longitude];
  const hasPosition =
    typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0); // 0,0: no fix
  return {
    exif: {
      takenAtText,
      offset,
      takenAt: takenAtText && offset ? exifInstant(takenAtText, offset) : null,
      latitude: hasPosition ? lat : null,
      longitude: hasPosition ? lon : null,
      make: text(tags.Make),
      model: text(tags.Model),
    },
    unreadable: false,
  };
}

function timeFlags(exif: PhotoExif | null, times: { receivedAt: Date; deviceTakenAt?: Date | null }, maxSkewHours: number): PhotoFlag[] {
  if (!exif) return [];
  const flags: PhotoFlag[] = [];
  // For the comparison only (never stored as the capture time): a time written
  // without an offset is read as China's time, Asia/Shanghai = UTC+8 all year,
  // the zone every user and site of this system is in. A phone set to another
  // zone would show up as ~N hours of skew, which the 24 h default tolerates.
  const capture = exif.takenAt ?? (exif.takenAtText ? exifInstant(exif.takenAtText, ASSUMED_CAPTURE_OFFSET) : null);
  if (!capture) flags.push('NO_CAPTURE_TIME');
  if (exif.latitude === null) flags.push('NO_GPS');
  if (!capture) return flags;
  const maxSkewMs = maxSkewHours * 3_600_000;
  const skew = capture.getTime() - times.receivedAt.getTime();
  if (Math.abs(skew) > maxSkewMs) flags.push('CAPTURE_TIME_FAR_FROM_RECEIPT');
  if (skew > CLOCK_TOLERANCE_MINUTES * 60_000) flags.push('CAPTURE_TIME_AFTER_RECEIPT');
  if (times.deviceTakenAt && Math.abs(capture.getTime() - times.deviceTakenAt.getTime()) > maxSkewMs) flags.push('CAPTURE_TIME_FAR_FROM_DEVICE_TIME');
  return flags;
}

/**
 * Everything the server derives from one photo's bytes: SHA-256, type (by
 * magic bytes), dimensions, EXIF time/offset/GPS/camera, a thumbnail, a
 * perceptual hash, and flags for review. Throws PhotoRejectedError for what
 * is not a decodable photo of acceptable size.
 */
export async function analyzePhoto(
  bytes: Uint8Array,
  times: { receivedAt: Date; deviceTakenAt?: Date | null },
  policy: PhotoPolicy = {},
): Promise<PhotoAnalysis> {
  const maxSkewHours = policy.maxSkewHours ?? DEFAULT_MAX_SKEW_HOURS;
  if (!(maxSkewHours > 0)) throw new RangeError(`maxSkewHours must be positive, got ${maxSkewHours}`);
  if (Number.isNaN(times.receivedAt.getTime())) throw new RangeError('receivedAt is not a valid date');
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new PhotoRejectedError('FILE_TOO_LARGE', `${bytes.byteLength} bytes`);
  const mediaType = detectPhotoType(bytes);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy

  let metadata: Metadata;
  try {
    // Header only: no pixel limit here, so an oversized photo is told apart from an unreadable one below.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new PhotoRejectedError('IMAGE_UNREADABLE', (error as Error).message);
  }
  const expected = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }[mediaType];
  if (metadata.format !== expected || !metadata.width || !metadata.height) {
    throw new PhotoRejectedError('IMAGE_UNREADABLE', `decoded as ${metadata.format ?? 'nothing'}`);
  }
  if (metadata.width * metadata.height > MAX_PHOTO_PIXELS) {
    throw new PhotoRejectedError('IMAGE_TOO_LARGE', `${metadata.width}×${metadata.height}`);
  }

  // One decode (JPEG and WebP shrink while decoding) to thumbnail-sized pixels; the thumbnail and the pHash both come from them.
  const decode = sharp(input, { ...DECODE, autoOrient: true })
    .resize(THUMBNAIL_LONG_EDGE, THUMBNAIL_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const [{ exif, unreadable }, pixels] = await Promise.all([
    readExif(metadata.exif),
    decode.catch((error: Error) => {
      throw new PhotoRejectedError('IMAGE_UNREADABLE', error.message);
    }),
  ]);
  const raw = { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels as 3 | 4 };
  const thumbnailMediaType = policy.thumbnailMediaType ?? 'image/jpeg';
  const encoder = sharp(pixels.data, { raw });
  const thumbnailBytes = (thumbnailMediaType === 'image/webp' ? encoder.webp({ quality: 75 }) : encoder.jpeg({ quality: 80 })).toBuffer();
  const perceptualHash = perceptualHashOfPixels(pixels.data, raw); // while libvips encodes the thumbnail
  const thumbnail = await thumbnailBytes;

  const flags: PhotoFlag[] = exif ? [] : unreadable ? ['NO_EXIF', 'EXIF_UNREADABLE'] : ['NO_EXIF'];
  flags.push(...timeFlags(exif, times, maxSkewHours));
  const swapped = (metadata.orientation ?? 1) >= 5; // 5–8 turn the picture a quarter
  return {
    sha256: sha256Of(bytes),
    mediaType,
    bytes: bytes.byteLength,
    width: swapped ? metadata.height : metadata.width,
    height: swapped ? metadata.width : metadata.height,
    exif,
    thumbnail: { bytes: thumbnail, mediaType: thumbnailMediaType, width: raw.width, height: raw.height },
    perceptualHash,
    flags,
  };
}
