import path from 'node:path';
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Unset: the app runs its own embedded PostgreSQL under DATA_DIR (scripts/start.ts sets it). */
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().startsWith('postgres').optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data')),
  PORT: z.coerce.number().int().positive().default(3000),
  /** next-auth secret; unset: generated once into DATA_DIR by scripts/start.ts. */
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  /** Server ledger seal key (PKCS#8 PEM, Ed25519); unset: created once under DATA_DIR. */
  LEDGER_SIGNING_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  UPLOADTHING_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** UploadThing endpoints other than the hosted ones (a self-hosted stand-in); unset: UploadThing's own. */
  UPLOADTHING_INGEST_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  UPLOADTHING_API_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  /** Host (and port) serving UploadThing files; unset: ufs.sh. */
  UPLOADTHING_UFS_HOST: z.preprocess(emptyAsUndefined, z.string().optional()),
  UPLOADTHING_UFS_APP_ID_LOCATION: z.preprocess(emptyAsUndefined, z.enum(['subdomain', 'path']).optional()),
  /** ACL of files stored on UploadThing (the app must allow overriding it); unset: the app's default. */
  UPLOADTHING_ACL: z.preprocess(emptyAsUndefined, z.enum(['public-read', 'private']).optional()),
  /** Hours between passes verifying every building's ledger (server/archive/chain-schedule.ts); 0: no schedule. */
  CHAIN_CHECK_EVERY_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(24 * 31).default(24)),
  /** Public origin for links printed outside the app (the plaque's QR code), e.g. https://gczl.example.cn; unset: the request's own origin. */
  PUBLIC_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'an http(s) URL without query or fragment')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
});

function load() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}

export const env = load();
