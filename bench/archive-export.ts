/**
 * The export of bench/archive.ts, run in a process of its own so that its peak memory is the
 * export's alone (with the runtime, Prisma and the driver loaded), not the seeding's.
 * Usage (bench/archive.ts compiles it first): node archive-export.mjs <buildingId> <zip path>; prints {seconds, maxRssBytes, rssBefore}.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { exportArchive } from '@/server/archive/export';
import { sealKeyOf } from '@/server/archive/format';
import { db } from '@/server/db/client';

const [buildingId, zipPath] = process.argv.slice(2) as [string, string];
const key = sealKeyOf(generateKeyPairSync('ed25519').privateKey);
// What the process holds before the export: the runtime with the app's modules loaded and Prisma's
// query compiler warmed up by a first query, as in a server that has answered a request
await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { id: true } });
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const archive = await exportArchive(db, buildingId, { key, publicBaseUrl: 'https://gczl.example.cn' });
await pipeline(archive.stream, fs.createWriteStream(zipPath));
const seconds = (performance.now() - started) / 1000;
await db.$disconnect();
// resourceUsage().maxRSS is in kilobytes
console.log(JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBefore }));
