import { createHash } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '@/server/storage/upload';
import {
  analyzePhoto,
  DEFAULT_MAX_SKEW_HOURS,
  hammingDistance,
  MAX_PHOTO_PIXELS,
  NEAR_COPY_DISTANCE,
  PhotoRejectedError,
  THUMBNAIL_LONG_EDGE,
  type PhotoRejection,
} from './ingest';
import { hashOfGrey32, perceptualHash } from './perceptual-hash';
import { samplePhoto, samplePhotos } from './sample-photos';

const TAKEN = new Date('2026-11-20T01:31:05Z'); // 09:31:05 in 福州
const GPS = { latitude: 26.05321, longitude: 119.30187 };
const hours = (n: number) => n * 3_600_000;
const at = (date: Date, ms: number) => new Date(date.getTime() + ms);

async function rejection(promise: Promise<unknown>): Promise<{ code: PhotoRejection; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PhotoRejectedError);
    const { code, detail } = error as PhotoRejectedError;
    return { code, detail };
  }
  throw new Error('expected the photo to be refused');
}

let photo: Buffer; // 1600×1200, HUAWEI, +08:00, GPS
beforeAll(async () => {
  photo = await samplePhoto(3, { takenAt: TAKEN, gps: GPS, make: 'HUAWEI', model: 'ALN-AL00' });
}, 30_000);

describe('analyzePhoto: EXIF', () => {
  it('reads capture time as written, its offset, GPS and camera from a sample photo', async () => {
    const a = await analyzePhoto(photo, { receivedAt: at(TAKEN, hours(2)) });
    expect(a.mediaType).toBe('image/jpeg');
    expect([a.width, a.height]).toEqual([1600, 1200]);
    expect(a.exif).not.toBeNull();
    const exif = a.exif!;
    expect(exif.takenAtText).toBe('2026:11:20 09:31:05');
    expect(exif.offset).toBe('+08:00');
    expect(exif.takenAt?.toISOString()).toBe('2026-11-20T01:31:05.000Z');
    expect(exif.latitude).toBeCloseTo(GPS.latitude, 4);
    expect(exif.longitude).toBeCloseTo(GPS.longitude, 4);
    expect([exif.make, exif.model]).toEqual(['HUAWEI', 'ALN-AL00']);
    expect(a.flags).toEqual([]);
  });

  it('computes the same SHA-256 as node:crypto over the bytes as uploaded', async () => {
    const a = await analyzePhoto(photo, { receivedAt: TAKEN });
    expect(a.sha256).toBe(createHash('sha256').update(photo).digest('hex'));
    expect(a.bytes).toBe(photo.byteLength);
  });

  it('flags a PNG without EXIF as NO_EXIF', async () => {
    const png = await sharp(photo).resize(800).png().toBuffer(); // sharp drops metadata unless asked
    const a = await analyzePhoto(png, { receivedAt: TAKEN });
    expect(a.mediaType).toBe('image/png');
    expect(a.exif).toBeNull();
    expect(a.flags).toEqual(['NO_EXIF']);
  });

  it('reads EXIF the same way from a PNG (eXIf) and a WebP copy', async () => {
    for (const copy of [await sharp(photo).png().keepExif().toBuffer(), await sharp(photo).webp().keepExif().toBuffer()]) {
      const a = await analyzePhoto(copy, { receivedAt: TAKEN });
      expect(a.exif?.takenAtText).toBe('2026:11:20 09:31:05');
      expect(a.exif?.offset).toBe('+08:00');
      expect(a.exif?.latitude).toBeCloseTo(GPS.latitude, 4);
    }
  });

  it('flags EXIF without a capture time or a position', async () => {
    const bare = await sharp(photo).withExif({ IFD0: { Make: 'Xiaomi', Model: '23127PN0CC' } }).toBuffer();
    const a = await analyzePhoto(bare, { receivedAt: TAKEN });
    expect(a.exif).toMatchObject({ takenAtText: null, takenAt: null, latitude: null, make: 'Xiaomi' });
    expect(a.flags).toEqual(['NO_CAPTURE_TIME', 'NO_GPS']);
    const zero = await samplePhoto(4, { width: 400, height: 300, gps: { latitude: 0, longitude: 0 } }); // a phone without a fix
    expect((await analyzePhoto(zero, { receivedAt: new Date('2026-11-20T03:00:00Z') })).flags).toEqual(['NO_GPS']);
  });

  it('treats an impossible EXIF date as no capture time, keeping the text', async () => {
    const bad = await samplePhoto(5, { width: 400, height: 300, takenAt: '0000:00:00 00:00:00' });
    const a = await analyzePhoto(bad, { receivedAt: TAKEN });
    expect(a.exif).toMatchObject({ takenAtText: '0000:00:00 00:00:00', offset: '+08:00', takenAt: null });
    expect(a.flags).toContain('NO_CAPTURE_TIME');
  });
});

describe('analyzePhoto: the three times', () => {
  it(`flags a photo taken more than ${DEFAULT_MAX_SKEW_HOURS} h before its upload, and honours maxSkewHours`, async () => {
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, hours(23)) })).flags).toEqual([]);
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, hours(25)) })).flags).toEqual(['CAPTURE_TIME_FAR_FROM_RECEIPT']);
    const lastYear = await samplePhoto(6, { width: 400, height: 300, takenAt: new Date('2025-06-01T02:00:00Z') });
    expect((await analyzePhoto(lastYear, { receivedAt: TAKEN })).flags).toEqual(['CAPTURE_TIME_FAR_FROM_RECEIPT']);
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, hours(3)) }, { maxSkewHours: 2 })).flags).toEqual(['CAPTURE_TIME_FAR_FROM_RECEIPT']);
  });

  it('flags a capture time after receipt (beyond a few minutes of clock drift)', async () => {
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, -5 * 60_000) })).flags).toEqual([]);
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, -hours(1)) })).flags).toEqual(['CAPTURE_TIME_AFTER_RECEIPT']);
    expect((await analyzePhoto(photo, { receivedAt: at(TAKEN, -hours(30)) })).flags).toEqual(['CAPTURE_TIME_FAR_FROM_RECEIPT', 'CAPTURE_TIME_AFTER_RECEIPT']);
  });

  it('keeps the device time apart: it is compared, never written into the EXIF reading', async () => {
    const receivedAt = at(TAKEN, hours(1));
    const plain = await analyzePhoto(photo, { receivedAt });
    const near = await analyzePhoto(photo, { receivedAt, deviceTakenAt: at(TAKEN, 60_000) });
    const far = await analyzePhoto(photo, { receivedAt, deviceTakenAt: new Date('2026-12-24T00:00:00Z') });
    expect(near.exif).toEqual(plain.exif);
    expect(far.exif).toEqual(plain.exif);
    expect(far.exif?.takenAt?.toISOString()).toBe(TAKEN.toISOString());
    expect(near.flags).toEqual([]);
    expect(far.flags).toEqual(['CAPTURE_TIME_FAR_FROM_DEVICE_TIME']);
  });

  it('reads a capture time without offset as China time for the check only, whatever the server zone', async () => {
    const noOffset = await samplePhoto(7, { width: 400, height: 300, takenAt: '2026:11:20 09:31:05', offset: null });
    const zone = process.env.TZ;
    try {
      for (const tz of ['Asia/Shanghai', 'UTC', 'America/New_York']) {
        process.env.TZ = tz;
        const a = await analyzePhoto(noOffset, { receivedAt: new Date('2026-11-20T02:00:00Z') });
        expect(a.exif).toMatchObject({ takenAtText: '2026:11:20 09:31:05', offset: null, takenAt: null });
        // As UTC+8 it is 01:31:05Z, half an hour before receipt: nothing to flag (read as UTC it would be "after receipt").
        expect(a.flags).toEqual([]);
        // 24.5 h later: far (read as UTC it would be 16.5 h, not flagged).
        expect((await analyzePhoto(noOffset, { receivedAt: new Date('2026-11-21T02:00:00Z') })).flags).toEqual(['CAPTURE_TIME_FAR_FROM_RECEIPT']);
      }
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('analyzePhoto: thumbnail', () => {
  it(`makes a ${THUMBNAIL_LONG_EDGE} px thumbnail without any metadata`, async () => {
    const a = await analyzePhoto(photo, { receivedAt: TAKEN });
    expect(a.thumbnail).toMatchObject({ mediaType: 'image/jpeg', width: 320, height: 240 });
    const meta = await sharp(a.thumbnail.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    expect(meta.exif).toBeUndefined();
    expect(await exifr.parse(a.thumbnail.bytes)).toBeUndefined();
    expect(a.thumbnail.bytes.byteLength).toBeLessThan(40_000);
  });

  it('applies the EXIF orientation (a phone held upright) and can make WebP', async () => {
    const upright = await samplePhoto(8, { width: 800, height: 600, orientation: 6 });
    const a = await analyzePhoto(upright, { receivedAt: TAKEN }, { thumbnailMediaType: 'image/webp' });
    expect([a.width, a.height]).toEqual([600, 800]);
    expect(a.thumbnail).toMatchObject({ mediaType: 'image/webp', width: 240, height: 320 });
    const meta = await sharp(a.thumbnail.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['webp', 240, 320, undefined]);
  });

  it('never enlarges a small picture', async () => {
    const small = await sharp({ create: { width: 120, height: 90, channels: 4, background: { r: 10, g: 120, b: 60, alpha: 0.5 } } }).png().toBuffer();
    const a = await analyzePhoto(small, { receivedAt: TAKEN });
    expect(a.thumbnail).toMatchObject({ width: 120, height: 90 });
  });
});

describe('analyzePhoto: what it refuses', () => {
  it('decides the type by the bytes: a text file named .jpg, a PDF and an HEIC are refused', async () => {
    const text = Buffer.from('这不是照片 — just text saved as IMG_0001.jpg\n');
    expect(await rejection(analyzePhoto(text, { receivedAt: TAKEN }))).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n');
    expect(await rejection(analyzePhoto(pdf, { receivedAt: TAKEN }))).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', detail: 'application/pdf' });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);
    expect(await rejection(analyzePhoto(heic, { receivedAt: TAKEN }))).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', detail: 'image/heic' });
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypmif1\0\0\0\0mif1avifmiaf'), Buffer.alloc(64)]);
    expect(await rejection(analyzePhoto(avif, { receivedAt: TAKEN }))).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', detail: 'image/avif' });
  });

  it('refuses JPEG magic bytes followed by garbage, and a photo cut short in upload', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg'.repeat(20))]);
    expect(await rejection(analyzePhoto(fake, { receivedAt: TAKEN }))).toMatchObject({ code: 'IMAGE_UNREADABLE' });
    const cut = photo.subarray(0, Math.floor(photo.length * 0.6));
    expect(await rejection(analyzePhoto(cut, { receivedAt: TAKEN }))).toMatchObject({ code: 'IMAGE_UNREADABLE' });
  });

  it('refuses a decompression bomb before decoding it', async () => {
    // A 64×64 PNG whose header is rewritten to declare 50000×50000 (2.5 Gpx, 7.5 GB decoded)
    const png = Buffer.from(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#777' } }).png().toBuffer());
    png.writeUInt32BE(50_000, 16);
    png.writeUInt32BE(50_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29); // IHDR's CRC covers type + data
    expect((await sharp(png, { limitInputPixels: false }).metadata()).width).toBe(50_000);
    const started = performance.now();
    expect(await rejection(analyzePhoto(png, { receivedAt: TAKEN }))).toMatchObject({ code: 'IMAGE_TOO_LARGE', detail: '50000×50000' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(50_000 * 50_000).toBeGreaterThan(MAX_PHOTO_PIXELS);
  });

  it(`refuses more than ${MAX_UPLOAD_BYTES} bytes`, async () => {
    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await rejection(analyzePhoto(huge, { receivedAt: TAKEN }))).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});

describe('perceptual hash: near copies and different scenes', () => {
  let scenes: Buffer[];
  let hashes: string[];
  beforeAll(async () => {
    scenes = await samplePhotos(24, 200, { width: 1200, height: 900 });
    hashes = await Promise.all(scenes.map(async (s) => (await analyzePhoto(s, { receivedAt: TAKEN })).perceptualHash));
  }, 60_000);

  it('hashes are 64 bits and a Hamming distance is a bit count', () => {
    expect(hashes.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow();
    // Light on the left, dark on the right, and the reverse: the horizontal-frequency bits flip
    const ramp = (flip: boolean) => Uint8Array.from({ length: 1024 }, (_, i) => (flip ? i % 32 : 31 - (i % 32)) * 8);
    expect(hammingDistance(hashOfGrey32(ramp(false)), hashOfGrey32(ramp(true)))).toBeGreaterThan(16);
  });

  const copies: Record<string, (b: Buffer) => Promise<Buffer>> = {
    'JPEG quality 40': (b) => sharp(b).jpeg({ quality: 40 }).toBuffer(),
    'resized to 60 % (chat app)': (b) => sharp(b).resize(720).jpeg({ quality: 70 }).toBuffer(),
    'cropped 2 % each side': (b) => sharp(b).extract({ left: 24, top: 18, width: 1152, height: 864 }).jpeg().toBuffer(),
    'cropped 1 % at the right and bottom': (b) => sharp(b).extract({ left: 0, top: 0, width: 1188, height: 891 }).jpeg().toBuffer(),
    'brightened 15 %': (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg().toBuffer(),
    'darkened 15 %': (b) => sharp(b).modulate({ brightness: 0.85 }).jpeg().toBuffer(),
    'contrast raised': (b) => sharp(b).linear(1.2, -20).jpeg().toBuffer(),
    'greyscale': (b) => sharp(b).greyscale().jpeg().toBuffer(),
    'saved as WebP': (b) => sharp(b).webp({ quality: 60 }).toBuffer(),
    'saved as PNG': (b) => sharp(b).png().toBuffer(),
  };
  for (const [name, copy] of Object.entries(copies)) {
    it(`a copy ${name} stays within NEAR_COPY_DISTANCE (${NEAR_COPY_DISTANCE})`, async () => {
      const distances = await Promise.all(
        scenes.slice(0, 12).map(async (scene, i) => hammingDistance(hashes[i]!, (await analyzePhoto(await copy(scene), { receivedAt: TAKEN })).perceptualHash)),
      );
      expect(Math.max(...distances)).toBeLessThanOrEqual(NEAR_COPY_DISTANCE);
    }, 30_000);
  }

  // The limits of a 64-bit pHash, kept in view: a 3 % crop is caught only in most cases, a mirror image never.
  it('a copy cropped 3 % each side is caught in most cases; a mirror image is not caught', async () => {
    const distances = await Promise.all(
      scenes.slice(0, 12).map(async (scene, i) => {
        const cropped = await sharp(scene).extract({ left: 36, top: 27, width: 1128, height: 846 }).jpeg().toBuffer();
        const mirrored = await sharp(scene).flop().jpeg().toBuffer();
        const hashOf = async (b: Buffer) => (await analyzePhoto(b, { receivedAt: TAKEN })).perceptualHash;
        return [hammingDistance(hashes[i]!, await hashOf(cropped)), hammingDistance(hashes[i]!, await hashOf(mirrored))] as const;
      }),
    );
    expect(distances.filter(([crop]) => crop <= NEAR_COPY_DISTANCE).length).toBeGreaterThanOrEqual(6);
    expect(distances.every(([, mirror]) => mirror > NEAR_COPY_DISTANCE)).toBe(true);
  }, 30_000);

  it('different scenes are far apart: every pair of 24 is more than NEAR_COPY_DISTANCE + 4 bits apart', () => {
    const distances: number[] = [];
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) distances.push(hammingDistance(hashes[i]!, hashes[j]!));
    distances.sort((a, b) => a - b);
    expect(distances[0]).toBeGreaterThan(NEAR_COPY_DISTANCE + 4);
    expect(distances[distances.length >> 1]).toBeGreaterThanOrEqual(24); // unrelated pictures: about half the bits
  });

  it('the hash from the thumbnail pixels agrees with a hash of the full picture', async () => {
    for (let i = 0; i < 4; i++) expect(hammingDistance(hashes[i]!, await perceptualHash(scenes[i]!))).toBeLessThanOrEqual(4);
  });

  it('identical bytes give identical results', async () => {
    const again = await analyzePhoto(Buffer.from(scenes[0]!), { receivedAt: TAKEN });
    expect(again.perceptualHash).toBe(hashes[0]);
  });
});

/** CRC-32 (PNG chunks). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
