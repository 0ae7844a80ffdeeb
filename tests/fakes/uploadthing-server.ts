import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local, in-memory stand-in for the parts of UploadThing's hosted service
 * that server/storage/uploadthing.ts talks to (the one fake this project
 * allows; see docs/decisions/006-uploadthing-backend.md). It speaks the
 * protocol of the uploadthing 7.7 server SDK (UTApi):
 *
 * - ingest, `PUT /<fileKey>?expires&x-ut-identifier&x-ut-file-name&x-ut-file-size
 *   &x-ut-file-type&x-ut-custom-id&x-ut-content-disposition&x-ut-acl&signature`
 *   with a multipart body whose `file` field holds the bytes. The URL is signed
 *   by the SDK: `signature=hmac-sha256=<hex HMAC-SHA256(apiKey, URL before &signature)>`.
 *   A customId is unique per app: a second file with the same one is refused (409).
 * - file serving (the "ufs" CDN) in its path form, `GET|HEAD /a/<appId>/<fileKey or customId>`,
 *   optionally signed the same way (`?expires=<ms>&signature=…`, as
 *   UTApi.generateSignedURL makes it). Private files need a valid signature.
 * - API, `POST /v6/listFiles` and `POST /v6/deleteFiles` with the
 *   `x-uploadthing-api-key` header, so a test can look at the store through the
 *   real SDK (the adapter itself does not call them).
 *
 * Every request is logged in `requests`; `failNext` answers the next requests
 * with an error before doing anything, `stallNext` never answers them;
 * `corrupt` flips a stored byte.
 */

export interface FakeFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  size: number;
  acl: 'public-read' | 'private';
  contentDisposition: string;
  bytes: Buffer;
  uploadedAt: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  kind: 'ingest' | 'ufs' | 'api' | 'other';
}

export interface FakeUploadThing {
  /** Base URL, e.g. http://localhost:41234: give it as ingestUrl and apiUrl. */
  readonly url: string;
  /** host:port for the SDK's ufsHost (with ufsAppIdLocation "path"). */
  readonly ufsHost: string;
  readonly appId: string;
  readonly apiKey: string;
  /** A valid UPLOADTHING_TOKEN for this fake. */
  readonly token: string;
  readonly files: FakeFile[];
  readonly requests: FakeRequest[];
  /** Ingest PUTs that stored a file. */
  uploads(): number;
  fileByCustomId(customId: string): FakeFile | undefined;
  /** Flips one byte of a stored file, keeping its size (bit rot, or a tampered object). */
  corrupt(customIdOrKey: string): void;
  /** Drops a file as if it had been lost (its customId becomes free again here, unlike on the real service). */
  remove(customIdOrKey: string): void;
  /** Answers the next `count` requests (of `kind`, or any) with `status`. */
  failNext(count: number, options?: { status?: number; kind?: FakeRequest['kind'] }): void;
  /** Never answers the next `count` requests (of `kind`, or any): a hung service. */
  stallNext(count: number, options?: { kind?: FakeRequest['kind'] }): void;
  close(): Promise<void>;
}

/** Encodes an UploadThing v7 token: base64 of JSON `{ apiKey, appId, regions, ingestHost? }`. */
export function encodeUploadThingToken(token: { apiKey: string; appId: string; regions?: string[]; ingestHost?: string }) {
  return Buffer.from(JSON.stringify({ regions: ['fake1'], ...token })).toString('base64');
}

const hmacHex = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

/** Checks `…&signature=hmac-sha256=<hex>` against the URL before it, as UploadThing's servers do. */
function verifySignedUrl(rawUrl: string, apiKey: string): 'ok' | 'missing' | 'invalid' | 'expired' {
  const at = rawUrl.lastIndexOf('&signature=');
  const atQuery = rawUrl.lastIndexOf('?signature=');
  const cut = Math.max(at, atQuery);
  if (cut < 0) return 'missing';
  const signed = rawUrl.slice(0, cut);
  const given = decodeURIComponent(rawUrl.slice(cut + '&signature='.length));
  if (!given.startsWith('hmac-sha256=')) return 'invalid';
  const expected = Buffer.from(hmacHex(apiKey, signed));
  const actual = Buffer.from(given.slice('hmac-sha256='.length));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'invalid';
  const expires = Number(new URL(signed).searchParams.get('expires'));
  if (!Number.isFinite(expires) || expires < Date.now()) return 'expired';
  return 'ok';
}

/** The SDK encodes each x-ut-* value with encodeURIComponent before URLSearchParams encodes it again. */
const param = (url: URL, name: string) => {
  const value = url.searchParams.get(name);
  return value === null ? null : decodeURIComponent(value);
};

async function readBody(req: http.IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeUploadThing(
  options: { appId?: string; apiKey?: string; defaultAcl?: 'public-read' | 'private' } = {},
): Promise<FakeUploadThing> {
  const appId = options.appId ?? `fakeapp${randomBytes(3).toString('hex')}`;
  const apiKey = options.apiKey ?? `sk_fake_${randomBytes(16).toString('hex')}`;
  const defaultAcl = options.defaultAcl ?? 'private';
  const files: FakeFile[] = [];
  const requests: FakeRequest[] = [];
  // status 0: hold the request unanswered until the client gives up or the fake closes.
  const failures: { status: number; kind?: FakeRequest['kind'] }[] = [];
  let uploads = 0;

  const find = (id: string) => files.find((f) => f.key === id || f.customId === id);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? 'localhost';
    const rawUrl = `http://${host}${req.url ?? '/'}`;
    const url = new URL(rawUrl);
    const method = req.method ?? 'GET';
    const kind: FakeRequest['kind'] = url.pathname.startsWith('/v6/')
      ? 'api'
      : url.pathname.startsWith('/a/')
        ? 'ufs'
        : method === 'PUT'
          ? 'ingest'
          : 'other';
    const entry: FakeRequest = { method, path: url.pathname, status: 0, kind };
    requests.push(entry);

    const send = (status: number, body?: unknown, headers: Record<string, string | number> = {}) => {
      entry.status = status;
      if (body === undefined || Buffer.isBuffer(body)) {
        res.writeHead(status, headers);
        res.end(method === 'HEAD' ? undefined : body);
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(method === 'HEAD' ? undefined : JSON.stringify(body));
      }
    };

    const handle = async () => {
      const failure = failures.findIndex((f) => !f.kind || f.kind === kind);
      if (failure >= 0) {
        const [{ status }] = failures.splice(failure, 1) as [{ status: number }];
        await readBody(req);
        if (status === 0) return;
        return send(status, { error: 'Injected failure (fake UploadThing)' });
      }

      if (kind === 'api') {
        const body = await readBody(req);
        if (method !== 'POST') return send(405, { error: 'Method not allowed' });
        if (req.headers['x-uploadthing-api-key'] !== apiKey) return send(401, { error: 'Invalid API key' });
        const json = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        if (url.pathname === '/v6/listFiles') {
          const offset = Number(json.offset ?? 0);
          const limit = Number(json.limit ?? 500);
          const page = files.slice(offset, offset + limit);
          return send(200, {
            hasMore: offset + limit < files.length,
            files: page.map((f) => ({
              id: f.key,
              customId: f.customId,
              key: f.key,
              name: f.name,
              size: f.size,
              status: 'Uploaded',
              uploadedAt: f.uploadedAt,
            })),
          });
        }
        if (url.pathname === '/v6/deleteFiles') {
          const ids = [...((json.fileKeys as string[]) ?? []), ...((json.customIds as string[]) ?? [])];
          let deletedCount = 0;
          for (const id of ids) {
            const file = find(id);
            if (file) {
              files.splice(files.indexOf(file), 1);
              deletedCount++;
            }
          }
          return send(200, { success: true, deletedCount });
        }
        return send(404, { error: `Unknown API route ${url.pathname}` });
      }

      if (kind === 'ingest') {
        const key = decodeURIComponent(url.pathname.slice(1));
        const identifier = param(url, 'x-ut-identifier');
        if (identifier !== appId) {
          await readBody(req);
          return send(401, { error: 'Unknown app' });
        }
        const signature = verifySignedUrl(rawUrl, apiKey);
        if (signature !== 'ok') {
          await readBody(req);
          return send(403, { error: `Presigned URL ${signature === 'expired' ? 'has expired' : 'has an invalid signature'}` });
        }
        const customId = param(url, 'x-ut-custom-id');
        if (customId && find(customId)) {
          await readBody(req);
          return send(409, { error: `A file with customId ${customId} already exists` });
        }
        if (!key || find(key)) {
          await readBody(req);
          return send(409, { error: 'File key already used' });
        }
        const form = await new Response(await readBody(req), {
          headers: { 'content-type': req.headers['content-type'] ?? '' },
        })
          .formData()
          .catch(() => null);
        const file = form?.get('file');
        if (!file || typeof file === 'string') return send(400, { error: 'Expected a multipart body with a "file" field' });
        const bytes = Buffer.from(await file.arrayBuffer());
        if (bytes.length !== Number(param(url, 'x-ut-file-size'))) {
          return send(400, { error: 'File size does not match x-ut-file-size' });
        }
        const acl = (param(url, 'x-ut-acl') as FakeFile['acl'] | null) ?? defaultAcl;
        files.push({
          key,
          customId,
          name: param(url, 'x-ut-file-name') ?? key,
          type: param(url, 'x-ut-file-type') ?? 'application/octet-stream',
          size: bytes.length,
          acl,
          contentDisposition: param(url, 'x-ut-content-disposition') ?? 'inline',
          bytes,
          uploadedAt: Date.now(),
        });
        uploads++;
        const base = `http://${host}`;
        return send(200, {
          url: `${base}/f/${key}`,
          appUrl: `${base}/a/${appId}/${key}`,
          ufsUrl: `${base}/a/${appId}/${key}`,
          fileHash: createHash('md5').update(bytes).digest('hex'),
          serverData: null,
        });
      }

      if (kind === 'ufs') {
        await readBody(req);
        if (method !== 'GET' && method !== 'HEAD') return send(405);
        const [, , app, ...rest] = url.pathname.split('/');
        if (app !== appId) return send(404, { error: 'Not found' });
        const hasSignature = url.searchParams.has('signature');
        const signature = hasSignature ? verifySignedUrl(rawUrl, apiKey) : 'missing';
        if (hasSignature && signature !== 'ok') return send(403, { error: 'Invalid or expired signature' });
        const file = find(decodeURIComponent(rest.join('/')));
        if (!file) return send(404, { error: 'Not found' });
        if (file.acl === 'private' && signature !== 'ok') return send(403, { error: 'This file is private' });
        return send(200, method === 'HEAD' ? undefined : file.bytes, {
          'content-type': file.type,
          'content-length': file.size,
          'content-disposition': `${file.contentDisposition}; filename="${encodeURIComponent(file.name)}"`,
        });
      }

      await readBody(req);
      return send(404, { error: 'Not found' });
    };

    handle().catch((error: unknown) => {
      if (!res.headersSent) send(500, { error: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" so the SDK builds http:// (not https://) file URLs for this host.
  const ufsHost = `localhost:${port}`;

  return {
    url: `http://${ufsHost}`,
    ufsHost,
    appId,
    apiKey,
    token: encodeUploadThingToken({ apiKey, appId }),
    files,
    requests,
    uploads: () => uploads,
    fileByCustomId: (customId) => files.find((f) => f.customId === customId),
    corrupt(id) {
      const file = find(id);
      if (!file) throw new Error(`fake UploadThing has no file ${id}`);
      file.bytes = Buffer.from(file.bytes);
      file.bytes[file.bytes.length >> 1] = (file.bytes[file.bytes.length >> 1] ?? 0) ^ 0xff;
    },
    remove(id) {
      const file = find(id);
      if (file) files.splice(files.indexOf(file), 1);
    },
    failNext(count, { status = 503, kind } = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, kind });
    },
    stallNext(count, { kind } = {}) {
      for (let i = 0; i < count; i++) failures.push({ status: 0, kind });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
