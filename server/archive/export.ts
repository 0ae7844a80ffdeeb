import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Db } from '@/server/db/client';
import { readLedger } from '@/server/ledger/verify';
import { fileStore } from '@/server/storage';
import {
  ARCHIVE_FORMAT,
  BAGIT_TXT,
  bagInfo,
  bagManifest,
  ledgerLine,
  manifestBytes,
  PATHS,
  payloadPath,
  sealJson,
  sha256Hex,
  type Manifest,
  type ManifestFile,
  type SealKey,
} from './format';
import { archiveReadme } from './readme';
import { archiveReport } from './report';

/**
 * Streams a building's archive (DESIGN.md Contract 5) as a ZIP that is also a BagIt bag.
 * Memory stays flat: files are streamed from storage one at a time, each opened only when the
 * ZIP writer reaches it (which waits for the client to take the bytes); the ledger goes out
 * page by page. manifest.json and seal.json come last, when every hash is known
 * (docs/decisions/012-archive-export.md). The export covers the chain as it stood when it
 * started: events appended meanwhile wait for the next export.
 */
export interface ArchiveExport {
  filename: string;
  /** The ZIP bytes; fails (and the export stops) on abort or on a storage error */
  stream: Readable;
  /** What the archive holds, known before the first byte */
  ledger: { count: number; head: string };
}

export interface ExportOptions {
  key: SealKey;
  /** The origin printed in report.pdf's QR code, e.g. https://gczl.example.cn */
  publicBaseUrl: string;
  /** Stops the work (no further reads from storage or the database) when the client goes away */
  signal?: AbortSignal;
  now?: Date;
}

export async function exportArchive(db: Db, buildingId: string, options: ExportOptions): Promise<ArchiveExport> {
  const generatedAt = options.now ?? new Date();
  const row = await db.building.findUniqueOrThrow({
    where: { id: buildingId },
    select: { id: true, code: true, name: true, project: { select: { id: true, name: true } } },
  });
  const building: Manifest['building'] = { id: row.id, code: row.code, name: row.name, project: row.project };
  const [last] = await db.$queryRaw<{ seq: number; hash: string }[]>`
    SELECT seq, hash FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid ORDER BY seq DESC LIMIT 1`;
  const ledger = { count: last?.seq ?? 0, head: last?.hash ?? '0'.repeat(64) };
  const payload = await payloadFiles(db, buildingId, ledger.count);

  const zip = new yazl.ZipFile();
  const mtime = generatedAt;
  const stream = zip.outputStream as Readable;
  let aborted = false;
  const abort = () => {
    aborted = true;
    stream.destroy(new Error('archive export aborted: the client went away'));
  };
  // yazl reports a failed entry as an 'error' event of the ZipFile: end the stream with it
  zip.on('error', (error: Error) => stream.destroy(error));
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  /** An entry whose bytes are produced only when the ZIP writer gets to it. */
  const lazy = (path: string, compress: boolean, produce: () => Promise<Readable>) =>
    zip.addReadStreamLazy(path, { mtime, compress }, (done) => {
      if (aborted) return done(new Error('aborted'), undefined as never);
      produce().then(
        (readable) => {
          // yazl pipes the entry without listening for its errors (a corrupt stored file fails at its end)
          readable.once('error', (error) => stream.destroy(error));
          done(null, readable);
        },
        (error: unknown) => stream.destroy(error as Error),
      );
    });

  for (const file of payload) {
    lazy(file.path, false, () => fileStore().open(file.sha256));
  }

  const generated: ManifestFile[] = [];
  const add = (path: string, bytes: Buffer) => {
    generated.push({ path, sha256: sha256Hex(bytes), bytes: bytes.length });
    zip.addBuffer(bytes, path, { mtime });
  };

  lazy(PATHS.ledger, true, async () => Readable.from(ledgerLines(db, buildingId, ledger.count, generated, () => aborted)));
  lazy(PATHS.report, true, async () => {
    const bytes = await archiveReport(db, buildingId, {
      ledger,
      generatedAt,
      keyFingerprintSha256: options.key.fingerprintSha256,
      publicUrl: `${options.publicBaseUrl}/b/${encodeURIComponent(building.code)}`,
    });
    generated.push({ path: PATHS.report, sha256: sha256Hex(bytes), bytes: bytes.length });
    return Readable.from([bytes]);
  });
  add(PATHS.readme, Buffer.from(archiveReadme(building, options.key.fingerprintSha256), 'utf8'));
  add(PATHS.publicKey, Buffer.from(options.key.publicKeyPem, 'utf8'));
  add(PATHS.bagit, Buffer.from(BAGIT_TXT, 'utf8'));
  add(PATHS.bagInfo, Buffer.from(bagInfo({ building, generatedAt, payload }), 'utf8'));
  add(PATHS.bagManifest, Buffer.from(bagManifest(payload), 'utf8'));

  let sealedManifest: Buffer | undefined;
  lazy(PATHS.manifest, true, async () => {
    const files = [...payload, ...generated].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    sealedManifest = manifestBytes({ format: ARCHIVE_FORMAT, building, generatedAt: generatedAt.toISOString(), files, ledger });
    return Readable.from([sealedManifest]);
  });
  lazy(PATHS.seal, true, async () => Readable.from([sealJson(sealedManifest!, { building: building.id, count: ledger.count, head: ledger.head }, options.key)]));
  zip.end();

  stream.once('close', () => options.signal?.removeEventListener('abort', abort));
  return { filename: `${building.code}-archive.zip`, stream, ledger };
}

/**
 * The stored files of the building's archive: every file an event up to `count` names, and
 * every photo uploaded for the building (an upload not yet used by a record is evidence too).
 */
async function payloadFiles(db: Db, buildingId: string, count: number): Promise<ManifestFile[]> {
  const rows = await db.$queryRaw<{ sha256: string; bytes: number | null; mediaType: string | null }[]>`
    SELECT named.sha256, f.bytes, f."mediaType"
    FROM (
      SELECT jsonb_array_elements_text(canonical::jsonb -> 'files') AS sha256
      FROM "LedgerEvent" WHERE "buildingId" = ${buildingId}::uuid AND seq <= ${count}
      UNION
      SELECT sha256 FROM "Photo" WHERE "buildingId" = ${buildingId}::uuid
    ) named
    LEFT JOIN "StoredFile" f ON f.sha256 = named.sha256
    ORDER BY named.sha256`;
  return rows.map((row) => {
    // The ledger names it, so the archive must hold it: an export without it would not verify
    if (row.bytes === null || row.mediaType === null) throw new Error(`file ${row.sha256} named by the ledger of ${buildingId} is not stored`);
    return { path: payloadPath(row.sha256, row.mediaType), sha256: row.sha256, bytes: row.bytes };
  });
}

/** ledger.jsonl page by page, hashed on the way out; its entry joins `into` at the end. */
async function* ledgerLines(db: Db, buildingId: string, count: number, into: ManifestFile[], aborted: () => boolean): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let bytes = 0;
  let written = 0;
  for await (const page of readLedger(db, buildingId)) {
    if (aborted()) return;
    const lines: string[] = [];
    for (let k = 0, start = 0; k < page.count && written < count; k++, written++) {
      const end = start + (page.bytes[k] as number);
      lines.push(ledgerLine(page.utf8.toString('utf8', start, end), page.hash[k] as string));
      start = end;
    }
    const chunk = Buffer.from(lines.join(''), 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    yield chunk;
    if (written === count) break;
  }
  into.push({ path: PATHS.ledger, sha256: hash.digest('hex'), bytes });
}
