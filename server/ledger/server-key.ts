import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';

/**
 * The server's own Ed25519 key (DESIGN.md "Signatures"): it seals what the
 * server received and when, never who signed. Given as LEDGER_SIGNING_KEY
 * (PKCS#8 PEM) or created once under DATA_DIR. The private key stays a
 * KeyObject in memory and is never printed or logged.
 */

export interface ServerPublicKey {
  algorithm: 'Ed25519';
  /** SubjectPublicKeyInfo PEM */
  publicKeyPem: string;
  /** The raw 32-byte public key, base64 */
  publicKeyBase64: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex (`openssl pkey -pubin -outform DER | sha256sum`) */
  fingerprintSha256: string;
}

export interface ServerKey {
  publicKey: ServerPublicKey;
  /** Ed25519 signature (64 bytes) over the bytes */
  seal(bytes: Uint8Array): Buffer;
}

export const KEY_FILE = path.join('keys', 'ledger-ed25519.pem');

/** Opens the key given as PEM, else the one under dataDir, creating it on first use. */
export function openServerKey(source: { pem?: string; dataDir: string }): ServerKey {
  const privateKey = source.pem === undefined ? keyInDataDir(source.dataDir) : keyFromPem(source.pem);
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicKey: {
      algorithm: 'Ed25519',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      publicKeyBase64: spki.subarray(-32).toString('base64'), // an Ed25519 SPKI ends with the raw key
      fingerprintSha256: createHash('sha256').update(spki).digest('hex'),
    },
    seal: (bytes) => sign(null, bytes, privateKey),
  };
}

let serverKey: ServerKey | undefined;
const current = () => (serverKey ??= openServerKey({ pem: env.LEDGER_SIGNING_KEY, dataDir: env.DATA_DIR }));

/** Opens the key, creating it on the first start (scripts/start.ts, before the app serves). */
export function ensureServerKey(): void {
  current();
}

export function serverPublicKey(): ServerPublicKey {
  return current().publicKey;
}

export function sealBytes(bytes: Uint8Array): Buffer {
  return current().seal(bytes);
}

function keyFromPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    // Environment files often carry a PEM on one line with literal \n
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('LEDGER_SIGNING_KEY is not a readable PKCS#8 PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('LEDGER_SIGNING_KEY is not an Ed25519 key');
  return key;
}

function keyInDataDir(dataDir: string): KeyObject {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) createKeyFile(file);
  return keyFromFile(file);
}

function keyFromFile(file: string): KeyObject {
  const key = createPrivateKey(fs.readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  return key;
}

/**
 * Writes a new key atomically: a complete temporary file is hard-linked into
 * place, which fails if another process (a second app instance on the same
 * DATA_DIR) got there first; its key is then the one used.
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, pem);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(temporary);
  }
}
