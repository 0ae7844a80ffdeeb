import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { z } from 'zod';
import type { DbOrTx } from '@/server/db/client';

/**
 * A signer's own Ed25519 key, kept only wrapped (DESIGN.md "Signatures"):
 * the wrapping key is argon2id(password, salt) — memory-hard, so a stolen
 * database does not give the keys away cheaply — and the private key
 * (PKCS#8 DER) is sealed with AES-256-GCM, bound to the key's id and owner.
 * The private key exists in the clear only in memory, while one signature is made.
 */

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum the package exports)
const kdfParams = z.object({
  algorithm: z.literal('argon2id'),
  memoryCost: z.number().int(),
  timeCost: z.number().int(),
  parallelism: z.number().int(),
  salt: z.string(), // base64
});
type KdfParams = z.infer<typeof kdfParams>;

/** OWASP's argon2id minimum, as for passwords. */
const KDF_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const aad = (keyId: string, userId: string) => Buffer.from(`buildledger-signing-key/v1:${keyId}:${userId}`);

async function wrappingKey(password: string, params: KdfParams): Promise<Buffer> {
  return hashRaw(password, {
    algorithm: ARGON2ID,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    salt: Buffer.from(params.salt, 'base64'),
    outputLen: 32,
  });
}

async function wrap(privateKey: KeyObject, password: string, keyId: string, userId: string) {
  const kdf: KdfParams = { algorithm: 'argon2id', ...KDF_COST, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await wrappingKey(password, kdf), iv);
  cipher.setAAD(aad(keyId, userId));
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const wrappedKey = Buffer.concat([iv, cipher.update(der), cipher.final(), cipher.getAuthTag()]);
  der.fill(0);
  return { wrappedKey: new Uint8Array(wrappedKey), kdf };
}

/** Null when the password does not open the key (wrong password, or the key was tampered with). */
export async function unwrap(key: { id: string; userId: string; wrappedKey: Uint8Array; kdf: unknown }, password: string): Promise<KeyObject | null> {
  const params = kdfParams.parse(key.kdf);
  const bytes = Buffer.from(key.wrappedKey);
  const decipher = createDecipheriv('aes-256-gcm', await wrappingKey(password, params), bytes.subarray(0, IV_BYTES));
  decipher.setAAD(aad(key.id, key.userId));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const der = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    der.fill(0);
    return privateKey;
  } catch {
    return null;
  }
}

/** SHA-256 of the SubjectPublicKeyInfo DER, hex: `openssl pkey -pubin -outform DER | sha256sum`. */
export function keyFingerprint(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A new key pair for `userId`, wrapped under `password`; the caller inserts it (and registers its public key in the ledger). */
export async function newSigningKey(userId: string, password: string, keyId: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, row: { id: keyId, userId, publicKeyPem, ...(await wrap(privateKey, password, keyId, userId)) } };
}

/**
 * For a password change: the user's current key wrapped under the new
 * password (the key itself stays, so past signatures and the registered public key stay valid).
 * Null when the user has no key yet.
 */
export async function rewrapSigningKey(db: DbOrTx, userId: string, oldPassword: string, newPassword: string) {
  const key = await db.signingKey.findFirst({ where: { userId, retiredAt: null } });
  if (!key) return null;
  const privateKey = await unwrap(key, oldPassword);
  if (!privateKey) throw new Error(`signing key ${key.id} does not open with the user's current password`);
  return { id: key.id, ...(await wrap(privateKey, newPassword, key.id, userId)) };
}
