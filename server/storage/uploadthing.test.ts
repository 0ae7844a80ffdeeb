import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UTApi } from 'uploadthing/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseUploadThingToken, uploadThingFileStore } from '@/server/storage/uploadthing';
import { encodeUploadThingToken, startFakeUploadThing, type FakeUploadThing } from '@/tests/fakes/uploadthing-server';

/** The UploadThing backend against the local fake of UploadThing's ingest and file servers. */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A JPEG-looking buffer: SOI/APP0 marker, every byte value (NUL, 0xFF, CR/LF…), random body, EOI. */
function jpegLike(size = 64 * 1024) {
  const bytes = randomBytes(size);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(bytes, 0);
  for (let i = 0; i < 256; i++) bytes[16 + i] = i;
  bytes[size - 2] = 0xff;
  bytes[size - 1] = 0xd9;
  return bytes;
}

let fake: FakeUploadThing;
const storeFor = (f: FakeUploadThing, overrides: { token?: string } = {}) =>
  uploadThingFileStore({
    token: overrides.token ?? f.token,
    ingestUrl: f.url,
    apiUrl: f.url,
    ufsHost: f.ufsHost,
    ufsAppIdLocation: 'path',
    retryDelayMs: 1,
  });

beforeAll(async () => {
  fake = await startFakeUploadThing();
});
afterAll(async () => {
  await fake.close();
});

describe('uploadThingFileStore', () => {
  test('put then get returns the very bytes, stored under customId = SHA-256', async () => {
    const store = storeFor(fake);
    const bytes = jpegLike();
    const id = await store.put(bytes);
    expect(id).toBe(sha256(bytes));

    const stored = fake.fileByCustomId(id);
    expect(stored?.bytes.equals(bytes)).toBe(true);
    expect(stored?.name).toBe(id);

    const back = await store.get(id);
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back.equals(bytes)).toBe(true);

    // The real SDK, pointed at the fake's API, sees the same file under its customId.
    const utapi = new UTApi({ token: fake.token, apiUrl: fake.url, logLevel: 'Fatal' });
    const { files } = await utapi.listFiles();
    expect(files.filter((f) => f.customId === id)).toEqual([expect.objectContaining({ size: bytes.length, status: 'Uploaded' })]);
  });

  test('the same bytes are uploaded once, also from two app instances at the same time', async () => {
    const bytes = jpegLike(10_000);
    const before = fake.uploads();
    const one = storeFor(fake);
    const two = storeFor(fake); // a second instance: nothing shared but the configuration

    await one.put(bytes);
    await one.put(bytes);
    await two.put(bytes);
    expect(fake.uploads() - before).toBe(1);

    const fresh = jpegLike(10_000);
    const ingestBefore = fake.requests.filter((r) => r.kind === 'ingest').length;
    const results = await Promise.all([one.put(fresh), two.put(fresh), one.put(fresh)]);
    expect(new Set(results)).toEqual(new Set([sha256(fresh)]));
    expect(fake.uploads() - before).toBe(2);
    // Racing puts may each try the upload; the ones that lose get a conflict and still succeed.
    const ingest = fake.requests.filter((r) => r.kind === 'ingest').slice(ingestBefore);
    expect(ingest.filter((r) => r.status === 200)).toHaveLength(1);
    expect(ingest.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    expect(fake.files.filter((f) => f.customId === sha256(fresh))).toHaveLength(1);
  });

  test('get of a tampered file throws naming the SHA-256 mismatch', async () => {
    const store = storeFor(fake);
    const bytes = jpegLike(4096);
    const id = await store.put(bytes);
    fake.corrupt(id);
    const actual = sha256(fake.fileByCustomId(id)!.bytes);
    await expect(store.get(id)).rejects.toThrow(`stored file ${id} is corrupt`);
    await expect(store.get(id)).rejects.toThrow(actual);
  });

  test('get of a missing file throws', async () => {
    const store = storeFor(fake);
    const never = sha256(randomBytes(32));
    await expect(store.get(never)).rejects.toThrow(`stored file ${never} is missing`);

    const id = await store.put(jpegLike(2048));
    fake.remove(id);
    await expect(store.get(id)).rejects.toThrow(/is missing/);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });

  test('a wrong token is refused and stores nothing', async () => {
    const bytes = jpegLike(1024);
    const before = fake.uploads();
    const wrongKey = storeFor(fake, { token: encodeUploadThingToken({ apiKey: 'sk_not_the_key', appId: fake.appId }) });
    await expect(wrongKey.put(bytes)).rejects.toThrow(/UploadThing .*HTTP 403.*refused/);
    expect(fake.uploads()).toBe(before);

    const id = await storeFor(fake).put(bytes);
    await expect(wrongKey.get(id)).rejects.toThrow(/HTTP 403.*refused/);

    const otherApp = storeFor(fake, { token: encodeUploadThingToken({ apiKey: fake.apiKey, appId: 'someoneelse' }) });
    await expect(otherApp.get(id)).rejects.toThrow(/is missing/);

    expect(() => uploadThingFileStore({ token: 'not-a-token' })).toThrow(/not an UploadThing v7 token/);
    expect(() => uploadThingFileStore({ token: encodeUploadThingToken({ apiKey: 'pk_public', appId: 'x' }) })).toThrow(
      /not an UploadThing v7 token/,
    );
    expect(parseUploadThingToken(fake.token)).toEqual({ apiKey: fake.apiKey, appId: fake.appId, regions: ['fake1'] });
  });

  test('transient failures are retried; persistent ones throw with the status', async () => {
    const store = storeFor(fake);
    const bytes = jpegLike(3000);
    const before = fake.uploads();

    fake.failNext(1, { kind: 'ingest', status: 503 });
    fake.failNext(1, { kind: 'ufs', status: 502 });
    const id = await store.put(bytes);
    expect(fake.uploads() - before).toBe(1);

    fake.failNext(2, { kind: 'ufs', status: 500 });
    expect((await store.get(id)).equals(bytes)).toBe(true);

    fake.failNext(3, { kind: 'ufs', status: 503 });
    await expect(store.get(id)).rejects.toThrow(`UploadThing download of file ${id} failed: HTTP 503`);

    const other = jpegLike(3000);
    fake.failNext(3, { kind: 'ingest', status: 500 });
    await expect(store.put(other)).rejects.toThrow(/upload of file [0-9a-f]{64} failed: HTTP 500/);
    expect(fake.fileByCustomId(sha256(other))).toBeUndefined();

    // A client error is not retried.
    const third = jpegLike(3000);
    const ingestBefore = fake.requests.filter((r) => r.kind === 'ingest').length;
    fake.failNext(1, { kind: 'ingest', status: 413 });
    await expect(store.put(third)).rejects.toThrow(/HTTP 413/);
    expect(fake.requests.filter((r) => r.kind === 'ingest').length - ingestBefore).toBe(1);
    await expect(store.put(third)).resolves.toBe(sha256(third));
  });

  test('a hung service times out', async () => {
    const store = uploadThingFileStore({
      token: fake.token,
      ingestUrl: fake.url,
      ufsHost: fake.ufsHost,
      ufsAppIdLocation: 'path',
      retries: 1,
      retryDelayMs: 1,
      timeoutMs: 150,
    });
    const id = await store.put(jpegLike(500));
    fake.stallNext(2, { kind: 'ufs' });
    await expect(store.get(id)).rejects.toThrow(/download of file .* failed: network error: timed out after 150 ms/);

    const other = jpegLike(500);
    fake.stallNext(2, { kind: 'ingest' });
    await expect(store.put(other)).rejects.toThrow(/upload of file .* failed: .*timed out after 150 ms/);
    expect(fake.fileByCustomId(sha256(other))).toBeUndefined();
  });

  test('an unreachable service makes put and get fail rather than hang or fall back to disk', async () => {
    const gone = await startFakeUploadThing();
    const store = storeFor(gone);
    await gone.close();
    await expect(store.put(jpegLike(100))).rejects.toThrow(/UploadThing .*network error/);
    await expect(store.get(sha256(Buffer.from('x')))).rejects.toThrow(/UploadThing download .*network error/);
  });
});

describe('fileStore() with UPLOADTHING_TOKEN set', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildledger-ut-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('uses UploadThing and never writes to DATA_DIR', async () => {
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('UPLOADTHING_TOKEN', fake.token);
    vi.stubEnv('UPLOADTHING_INGEST_URL', fake.url);
    vi.stubEnv('UPLOADTHING_API_URL', fake.url);
    vi.stubEnv('UPLOADTHING_UFS_HOST', fake.ufsHost);
    vi.stubEnv('UPLOADTHING_UFS_APP_ID_LOCATION', 'path');
    vi.resetModules();
    const { fileStore } = await import('@/server/storage');

    const bytes = jpegLike(20_000);
    const id = await fileStore().put(bytes);
    expect(fake.fileByCustomId(id)?.bytes.equals(bytes)).toBe(true);
    expect((await fileStore().get(id)).equals(bytes)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  test('without a token it stays on local files', async () => {
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('UPLOADTHING_TOKEN', '');
    vi.resetModules();
    const { fileStore } = await import('@/server/storage');
    const id = await fileStore().put(Buffer.from('local'));
    expect(fs.existsSync(path.join(dataDir, 'files', id.slice(0, 2), id))).toBe(true);
  });
});
