import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_FILE, openServerKey } from './server-key';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-key-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const message = Buffer.from('manifest.json 的 SHA-256');

describe('openServerKey', () => {
  it('creates an Ed25519 key under the data dir on first use, readable by its owner only, and never logs it', () => {
    const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method));
    const key = openServerKey({ dataDir });

    const file = path.join(dataDir, KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]); // no temporary file left
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();

    expect(key.publicKey.algorithm).toBe('Ed25519');
    expect(key.publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(JSON.stringify(key.publicKey)).not.toContain('PRIVATE');
  });

  it('reuses the key it created', () => {
    const first = openServerKey({ dataDir });
    const before = fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8');
    const second = openServerKey({ dataDir });
    expect(second.publicKey).toEqual(first.publicKey);
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8')).toBe(before);
  });

  it('seals bytes with a signature anyone can check with the public key', () => {
    const key = openServerKey({ dataDir });
    const signature = key.seal(message);
    expect(signature).toHaveLength(64);
    const publicKey = createPublicKey(key.publicKey.publicKeyPem);
    expect(verify(null, message, publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from('another manifest'), publicKey, signature)).toBe(false);
  });

  it('describes the public key as raw bytes and as a fingerprint of its SPKI', () => {
    const { publicKey } = openServerKey({ dataDir });
    const der = createPublicKey(publicKey.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(publicKey.fingerprintSha256).toBe(createHash('sha256').update(der).digest('hex'));
    const raw = Buffer.from(publicKey.publicKeyBase64, 'base64');
    expect(raw).toHaveLength(32);
    const jwk = createPublicKey(publicKey.publicKeyPem).export({ format: 'jwk' });
    expect(raw.toString('base64url')).toBe(jwk.x);
  });

  it('uses a key given as PEM and writes nothing', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const expected = publicKey.export({ type: 'spki', format: 'pem' }).toString();

    expect(openServerKey({ pem, dataDir }).publicKey.publicKeyPem).toBe(expected);
    expect(openServerKey({ pem: pem.trim().replace(/\n/g, '\\n'), dataDir }).publicKey.publicKeyPem).toBe(expected);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a given key that is not Ed25519, without repeating it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => openServerKey({ pem: rsa, dataDir })).toThrow('LEDGER_SIGNING_KEY is not an Ed25519 key');
    const garbage = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----';
    expect(() => openServerKey({ pem: garbage, dataDir })).toThrow(/^LEDGER_SIGNING_KEY is not a readable PKCS#8 PEM private key$/);
  });

  it('keeps the key another process wrote first', () => {
    const winner = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = path.join(dataDir, KEY_FILE);
    // The other process links its file in between our existence check and our link
    const exists = fs.existsSync;
    vi.spyOn(fs, 'existsSync').mockImplementation((p) => (p === file ? false : exists(p)));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, winner, { mode: 0o600 });

    const expected = createPublicKey(winner).export({ type: 'spki', format: 'pem' }).toString();
    expect(openServerKey({ dataDir }).publicKey.publicKeyPem).toBe(expected);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });
});

describe('serverPublicKey and sealBytes', () => {
  it('use LEDGER_SIGNING_KEY when set, else the key under DATA_DIR', async () => {
    vi.resetModules();
    vi.stubEnv('DATA_DIR', dataDir);
    vi.stubEnv('LEDGER_SIGNING_KEY', '');
    const { serverPublicKey, sealBytes } = await import('./server-key');
    const key = serverPublicKey();
    expect(key).toEqual(openServerKey({ dataDir }).publicKey);
    expect(verify(null, message, createPublicKey(key.publicKeyPem), sealBytes(message))).toBe(true);

    vi.resetModules();
    const given = generateKeyPairSync('ed25519');
    vi.stubEnv('LEDGER_SIGNING_KEY', given.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const fresh = await import('./server-key');
    expect(fresh.serverPublicKey().publicKeyPem).toBe(given.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    vi.unstubAllEnvs();
  });
});
