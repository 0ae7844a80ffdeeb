import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { DbOrTx } from '@/server/db/client';
import { env } from '@/server/env';
import { uploadThingFileStore } from '@/server/storage/uploadthing';

/**
 * The one storage interface for file bytes (DESIGN.md "Storage"): content-
 * addressed by SHA-256, written once, re-checked on every read. The database
 * keeps what it knows of a file in StoredFile, never the bytes.
 */
export interface FileStore {
  /** Stores the bytes under their SHA-256 (idempotent) and returns it. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes; throws if they are missing or no longer hash to `sha256`. */
  get(sha256: string): Promise<Buffer>;
  /**
   * The bytes as a stream, for reads too large to hold (the archive export): rejects if they
   * are missing; the stream fails at its end if they no longer hash to `sha256`.
   */
  open(sha256: string): Promise<Readable>;
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const corrupt = (sha256: string) => `stored file ${sha256} is corrupt: its bytes no longer match its SHA-256`;

/** Default backend: files under DATA_DIR/files/<ab>/<sha256>, each written atomically and never overwritten. */
export function localFileStore(root: string): FileStore {
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const file = fileOf(sha256);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(temporary, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fs.link(temporary, file); // fails if present: the same bytes are already stored
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await fs.unlink(temporary);
      }
      return sha256;
    },
    async get(sha256) {
      const bytes = await fs.readFile(fileOf(sha256));
      if (sha256Of(bytes) !== sha256) throw new Error(corrupt(sha256));
      return bytes;
    },
    async open(sha256) {
      const handle = await fs.open(fileOf(sha256));
      const hash = createHash('sha256');
      const verifying = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
        flush: (done) => done(hash.digest('hex') === sha256 ? null : new Error(corrupt(sha256))),
      });
      // pipeline hands a read error on to `verifying`, the stream the caller holds
      return pipeline(handle.createReadStream(), verifying, () => {});
    },
  };
}

let store: FileStore | undefined;
/**
 * The configured backend: UploadThing when UPLOADTHING_TOKEN is set
 * (docs/decisions/006-uploadthing-backend.md), else files under DATA_DIR/files.
 */
export function fileStore(): FileStore {
  return (store ??= env.UPLOADTHING_TOKEN
    ? uploadThingFileStore({
        token: env.UPLOADTHING_TOKEN,
        ingestUrl: env.UPLOADTHING_INGEST_URL,
        apiUrl: env.UPLOADTHING_API_URL,
        ufsHost: env.UPLOADTHING_UFS_HOST,
        ufsAppIdLocation: env.UPLOADTHING_UFS_APP_ID_LOCATION,
        acl: env.UPLOADTHING_ACL,
      })
    : localFileStore(path.join(env.DATA_DIR, 'files')));
}

/**
 * Stores bytes and records them in StoredFile (once per SHA-256). The bytes
 * are written before the caller's transaction commits; if it rolls back they
 * stay as an unreferenced file, which is harmless in a content-addressed store.
 */
export async function storeFile(db: DbOrTx, file: { bytes: Uint8Array; mediaType: string; createdById?: string | null }) {
  const sha256 = await fileStore().put(file.bytes);
  await db.$executeRaw`
    INSERT INTO "StoredFile" (sha256, bytes, "mediaType", "createdById")
    VALUES (${sha256}, ${file.bytes.byteLength}, ${file.mediaType}, ${file.createdById ?? null}::uuid)
    ON CONFLICT (sha256) DO NOTHING`;
  return { sha256, bytes: file.bytes.byteLength, mediaType: file.mediaType };
}
