/**
 * Evidence benchmarks (bench/run.ts calls evidenceBenchmarks; no database):
 * photo ingestion through analyzePhoto — type by magic bytes, SHA-256, EXIF
 * (exifr), thumbnail and perceptual hash (sharp) — over sample phone photos
 * (server/evidence/sample-photos.ts, every one with EXIF and GPS), one at a
 * time and CONCURRENCY at a time. Measured in the same run against two
 * floors: SHA-256 alone, and sharp's thumbnail alone (decode, orient,
 * resize, JPEG encode), the least any ingestion that makes thumbnails does.
 *
 * Two sizes: 1600×1200 (what phone apps and WeChat upload after their own
 * compression, ~300–450 KiB) and 4000×3000 (a 12 MP camera original,
 * ~3.5–4.5 MiB). Every photo ingested is a distinct file: SCENES generated
 * scenes, each re-encoded at several JPEG qualities.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { analyzePhoto, THUMBNAIL_LONG_EDGE } from '@/server/evidence/ingest';
import { samplePhotos } from '@/server/evidence/sample-photos';
import type { BenchResult } from './result';

const CONCURRENCY = 4;
const SCENES = 50; // × QUALITIES = 200 photos of 1600×1200
const QUALITIES = [80, 70, 88, 94];
const LARGE_SCENES = 6; // × LARGE_QUALITIES = 18 photos of 4000×3000
const LARGE_QUALITIES = [90, 85, 95];
/** Every sample's capture time is 2026-11-20 09:00–19:00 +08:00: no flag expected at this receipt. */
const RECEIVED_AT = new Date('2026-11-20T12:00:00Z');

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

interface Run {
  rate: number;
  latencies: number[];
}

/** `workers` loops share the photos; each task is timed from call to result. */
async function run(photos: Buffer[], workers: number, task: (photo: Buffer) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < photos.length; i = next++) {
        const t = performance.now();
        await task(photos[i]!);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { rate: (photos.length / (performance.now() - started)) * 1000, latencies: latencies.sort((a, b) => a - b) };
}

/** Each scene as generated, plus re-encodes at the other qualities (EXIF kept): distinct bytes, the same kind of content. */
async function photoSet(scenes: number, firstSeed: number, qualities: number[], size: { width: number; height: number }): Promise<Buffer[]> {
  const originals = await samplePhotos(scenes, firstSeed, { ...size, quality: qualities[0] });
  const photos: Buffer[] = [...originals];
  for (const quality of qualities.slice(1)) {
    photos.push(...(await Promise.all(originals.map((photo) => sharp(photo).jpeg({ quality }).keepExif().toBuffer()))));
  }
  return photos;
}

const ingest = async (photo: Buffer) => {
  const analysis = await analyzePhoto(photo, { receivedAt: RECEIVED_AT });
  if (!analysis.exif || analysis.flags.length > 0) throw new Error(`unexpected analysis of a sample photo: ${JSON.stringify(analysis.flags)}`);
  return analysis;
};
const sha256Only = async (photo: Buffer) => createHash('sha256').update(photo).digest('hex');
const thumbnailOnly = (photo: Buffer) =>
  sharp(photo, { autoOrient: true }).resize(THUMBNAIL_LONG_EDGE, THUMBNAIL_LONG_EDGE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();

async function figures(prefix: string, unit: string, photos: Buffer[]): Promise<BenchResult[]> {
  // Untimed: loads sharp's codecs and exifr, compiles the code paths
  await run(photos.slice(0, 8), 1, ingest);
  await run(photos.slice(0, 8), 1, thumbnailOnly);

  const sha = await run(photos, 1, sha256Only);
  const floor = await run(photos, 1, thumbnailOnly);
  const one = await run(photos, 1, ingest);
  const many = await run(photos, CONCURRENCY, ingest);
  const floorRate = { name: `${prefix}.thumbnail_only.photos_per_s`, value: round(floor.rate), unit };
  return [
    { name: `${prefix}.photos_per_s`, value: round(one.rate), unit, baseline: floorRate },
    { name: `${prefix}.p50_ms`, value: round(percentile(one.latencies, 0.5)), unit: 'ms' },
    { name: `${prefix}.p95_ms`, value: round(percentile(one.latencies, 0.95)), unit: 'ms' },
    { name: `${prefix}.concurrency_${CONCURRENCY}.photos_per_s`, value: round(many.rate), unit },
    { name: `${prefix}.concurrency_${CONCURRENCY}.p95_ms`, value: round(percentile(many.latencies, 0.95)), unit: 'ms' },
    floorRate,
    { name: `${prefix}.sha256_only.photos_per_s`, value: round(sha.rate), unit },
    { name: `${prefix}.ratio_to_thumbnail_only`, value: round(one.rate / floor.rate, 3), unit: 'ratio', baseline: floorRate },
  ];
}

export async function evidenceBenchmarks(): Promise<BenchResult[]> {
  const photos = await photoSet(SCENES, 1, QUALITIES, { width: 1600, height: 1200 });
  const results = await figures('evidence.ingest', 'photos/s (1600×1200 JPEG)', photos);
  const large = await photoSet(LARGE_SCENES, 1001, LARGE_QUALITIES, { width: 4000, height: 3000 });
  results.push(...(await figures('evidence.ingest.12mp', 'photos/s (4000×3000 JPEG)', large)));
  return results;
}
