import { createHash } from 'node:crypto';
import type { UTApi } from 'uploadthing/server';
import { Readable } from 'node:stream';
import type { FileStore } from '@/server/storage';

/**
 * FileStore on UploadThing (docs/decisions/006-uploadthing-backend.md).
 *
 * Each file is stored once under customId = its SHA-256 (hex). This module
 * keeps no state between calls and touches no disk, so any number of app
 * instances can share one UploadThing app. It speaks UploadThing's v7
 * protocol through the official server SDK (UTApi), pointed at other hosts
 * by `ingestUrl` / `ufsHost` (a self-hosted stand-in, or the test fake):
 *
 * - put: `HEAD <file URL>` (is that customId stored?), and only if not,
 *   UTApi.uploadFiles → `PUT <ingestUrl>/<fileKey>?…&x-ut-custom-id=<sha256>&signature=…`
 *   (multipart body, URL signed with the API key). A refused upload is
 *   followed by another HEAD: if the file is there now (another instance
 *   stored the same bytes; customIds are unique per app), that is success.
 * - get: `GET <file URL>`, then the SHA-256 of the bytes is checked again.
 *
 * The file URL is `https://<appId>.<ufsHost>/f/<sha256>` (or `…/a/<appId>/<sha256>`
 * with `ufsAppIdLocation: 'path'`), signed locally by UTApi.generateSignedURL
 * so that private files (the recommended ACL) are readable and public ones
 * are unaffected. No call goes to UploadThing's REST API (api.uploadthing.com).
 */

export interface UploadThingFileStoreOptions {
  /** UPLOADTHING_TOKEN: base64 of JSON `{ apiKey: "sk_…", appId, regions: [...] }`. */
  token: string;
  /** Override for the ingest server (default `https://<region>.ingest.uploadthing.com`). */
  ingestUrl?: string;
  /** Override for the REST API server; passed to UTApi, unused by put/get today. */
  apiUrl?: string;
  /** Host serving files (default `ufs.sh`); the SDK uses http:// only when it contains "local". */
  ufsHost?: string;
  /** Where the app id goes in file URLs (default `subdomain`). */
  ufsAppIdLocation?: 'subdomain' | 'path';
  /** ACL for new files; unset: the app's default (the app must allow overriding it to set one). */
  acl?: 'public-read' | 'private';
  /** Retries after a network error, 408, 429 or 5xx (default 2). */
  retries?: number;
  /** Backoff before retry n is n × this (default 500 ms). */
  retryDelayMs?: number;
  /** Per-request timeout (default 120 s). */
  timeoutMs?: number;
  /** fetch to use (default globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The SDK, loaded on first use: it weighs ~90 MB of memory, which a server storing files
 * on disk (or a process that only reads them, as the archive export) should not carry.
 */
let sdk: Promise<typeof import('uploadthing/server')> | undefined;
const loadSdk = () => (sdk ??= import('uploadthing/server'));

/** Decodes and checks a v7 token the way the SDK does, without ever echoing it. */
export function parseUploadThingToken(token: string): { apiKey: string; appId: string; regions: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.trim(), 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const t = parsed as { apiKey?: unknown; appId?: unknown; regions?: unknown } | undefined;
  if (
    !t ||
    typeof t.apiKey !== 'string' ||
    !t.apiKey.startsWith('sk_') ||
    typeof t.appId !== 'string' ||
    !t.appId ||
    !Array.isArray(t.regions) ||
    t.regions.length === 0 ||
    !t.regions.every((r) => typeof r === 'string')
  ) {
    throw new Error(
      'UPLOADTHING_TOKEN is not an UploadThing v7 token (base64 of JSON { apiKey: "sk_…", appId, regions: [...] })',
    );
  }
  return { apiKey: t.apiKey, appId: t.appId, regions: t.regions as string[] };
}

/** An HTTP answer or network failure seen while talking to UploadThing. */
interface Failure {
  status?: number;
  detail: string;
}

const retryable = (f: Failure) =>
  f.status === undefined || f.status === 408 || f.status === 429 || (f.status >= 500 && f.status <= 599);

const explain = (f: Failure) => (f.status === undefined ? f.detail : `HTTP ${f.status}${f.detail ? ` ${f.detail}` : ''}`);

function refusal(what: string, f: Failure) {
  const hint = f.status === 401 || f.status === 403 ? ' (refused: check UPLOADTHING_TOKEN and the app\'s settings)' : '';
  return new Error(`UploadThing ${what}: ${explain(f)}${hint}`);
}

async function bodySnippet(response: Response) {
  const text = await response.text().catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` with a signal aborted after `ms`. Not AbortSignal.timeout: its
 * timer keeps the signal, and all that the request hung on it, alive for the
 * whole timeout even when the request ended long before.
 */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export function uploadThingFileStore(options: UploadThingFileStoreOptions): FileStore {
  parseUploadThingToken(options.token);
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const baseFetch = options.fetch ?? globalThis.fetch;

  /** A UTApi whose HTTP failures are reported to `onFailure` (one per call: no shared mutable state). */
  const utapi = async (onFailure?: (failure: Failure) => void): Promise<UTApi> =>
    new (await loadSdk()).UTApi({
      token: options.token,
      apiUrl: options.apiUrl,
      ingestUrl: options.ingestUrl,
      ufsHost: options.ufsHost,
      ufsAppIdLocation: options.ufsAppIdLocation,
      // The SDK would log every failed request as JSON; the errors thrown here say it all.
      logLevel: 'Fatal',
      fetch: async (input, init) => {
        try {
          const response = await baseFetch(input as Parameters<typeof fetch>[0], init as RequestInit);
          if (!response.ok) onFailure?.({ status: response.status, detail: await bodySnippet(response.clone()) });
          return response;
        } catch (error) {
          onFailure?.({ detail: (error as Error).message });
          throw error;
        }
      },
    });
  let signer: Promise<UTApi> | undefined;

  /** The file's URL, signed for 5 minutes (HMAC with the API key, computed locally). */
  const fileUrl = async (sha256: string) => (await (await (signer ??= utapi())).generateSignedURL(sha256, { expiresIn: 300 })).ufsUrl;

  /** Runs `attempt` until it returns a result or a failure that is not worth retrying. */
  async function withRetries<T>(attempt: () => Promise<T | Failure>, isFailure: (r: T | Failure) => r is Failure) {
    let result = await attempt();
    for (let n = 1; n <= retries && isFailure(result) && retryable(result); n++) {
      await sleep(retryDelayMs * n);
      result = await attempt();
    }
    return result;
  }

  const isFailure = (r: unknown): r is Failure => typeof r === 'object' && r !== null && 'detail' in r;

  /** GET or HEAD of the file: its bytes / true, `null` if UploadThing has no such file, or a failure. */
  async function fetchFile(sha256: string, method: 'GET' | 'HEAD'): Promise<Buffer | true | null | Failure> {
    const url = await fileUrl(sha256);
    try {
      return await withTimeout(timeoutMs, async (signal) => {
        const response = await baseFetch(url, { method, signal });
        if (response.status === 404) {
          await response.body?.cancel();
          return null;
        }
        if (!response.ok) return { status: response.status, detail: await bodySnippet(response) };
        if (method === 'HEAD') return true;
        return Buffer.from(await response.arrayBuffer());
      });
    } catch (error) {
      return { detail: `network error: ${(error as Error).message}` };
    }
  }

  async function exists(sha256: string) {
    const result = await withRetries(() => fetchFile(sha256, 'HEAD'), isFailure);
    if (isFailure(result)) throw refusal(`could not tell whether file ${sha256} is stored`, result);
    return result !== null;
  }

  async function upload(bytes: Uint8Array, sha256: string): Promise<true | Failure> {
    let failure: Failure | undefined;
    let timedOut = false;
    const timeout = (): Failure => ({ detail: `network error: timed out after ${timeoutMs} ms` });
    try {
      const { UTFile } = await loadSdk();
      const file = new UTFile([bytes as Uint8Array<ArrayBuffer>], sha256, {
        customId: sha256,
        type: 'application/octet-stream',
      });
      const result = await withTimeout(timeoutMs, (signal) => {
        signal.addEventListener('abort', () => (timedOut = true), { once: true });
        return utapi((f) => (failure ??= f)).then((api) => api.uploadFiles(file, { contentDisposition: 'attachment', acl: options.acl, signal }));
      });
      if (!result.error) return true;
      return timedOut ? timeout() : (failure ?? { detail: `${result.error.code}: ${result.error.message}` });
    } catch (error) {
      // The SDK throws (rather than returning an error) when the signal interrupts it.
      return timedOut ? timeout() : (failure ?? { detail: `upload interrupted: ${(error as Error).message || String(error)}` });
    }
  }

  const store: FileStore = {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (await exists(sha256)) return sha256; // stored once: the same bytes are never sent again
      const result = await withRetries(async () => {
        const outcome = await upload(bytes, sha256);
        // Refused, perhaps because another instance stored the same bytes meanwhile (customIds are unique).
        if (isFailure(outcome) && (await exists(sha256).catch(() => false))) return true;
        return outcome;
      }, isFailure);
      if (isFailure(result)) throw refusal(`upload of file ${sha256} failed`, result);
      return sha256;
    },

    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
      const result = await withRetries(() => fetchFile(sha256, 'GET'), isFailure);
      if (result === null) throw new Error(`stored file ${sha256} is missing: UploadThing has no file with that customId`);
      if (isFailure(result)) throw refusal(`download of file ${sha256} failed`, result);
      const bytes = result as Buffer;
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) {
        throw new Error(
          `stored file ${sha256} is corrupt: the bytes UploadThing returned hash to ${actual}, not to their SHA-256`,
        );
      }
      return bytes;
    },

    // A download arrives whole and is checked before it is handed on
    open: async (sha256) => Readable.from([await store.get(sha256)]),
  };
  return store;
}
