import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-route-'));
let GET: (request: Request) => Response;

beforeAll(async () => {
  vi.stubEnv('DATA_DIR', dataDir);
  vi.stubEnv('LEDGER_SIGNING_KEY', '');
  ({ GET } = await import('./route'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/ledger/public-key', () => {
  it('describes the server key as JSON', async () => {
    const res = GET(new Request('http://localhost/api/ledger/public-key'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['algorithm', 'fingerprintSha256', 'publicKeyBase64', 'publicKeyPem']);
    expect(body.algorithm).toBe('Ed25519');
    expect(createPublicKey(body.publicKeyPem).asymmetricKeyType).toBe('ed25519');
    expect(body.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the PEM as a file with ?format=pem', async () => {
    const json = await GET(new Request('http://localhost/api/ledger/public-key')).json();
    const res = GET(new Request('http://localhost/api/ledger/public-key?format=pem'));
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.pem"$/);
    const pem = await res.text();
    expect(pem).toBe(json.publicKeyPem);
    expect(pem).not.toContain('PRIVATE');
  });
});
