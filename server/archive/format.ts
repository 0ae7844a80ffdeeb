import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@/server/ledger/canonical';

/**
 * The archive of one building (DESIGN.md Contract 5), as bytes: what the exporter writes
 * and the verifier reads. No database here, so the offline verifier and the tests share it.
 *
 * Layout (docs/decisions/012-archive-export.md). The ZIP is also a BagIt bag (RFC 8493):
 *   data/files/<sha256>.<ext>   payload: photos, scans, signed PDFs, signed canonical JSON
 *   ledger.jsonl, report.pdf, README.txt, public-key.pem,
 *   bagit.txt, bag-info.txt, manifest-sha256.txt   tag files, listed in manifest.json
 *   manifest.json, seal.json    written last; listed nowhere (each would have to list itself)
 */

export const ARCHIVE_FORMAT = 'buildledger-archive/1';
export const SEAL_FORMAT = 'buildledger-archive-seal/1';

export const PATHS = {
  manifest: 'manifest.json',
  seal: 'seal.json',
  ledger: 'ledger.jsonl',
  report: 'report.pdf',
  readme: 'README.txt',
  publicKey: 'public-key.pem',
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  bagManifest: 'manifest-sha256.txt',
} as const;

/** Where a stored file goes in the bag's payload. */
export const PAYLOAD_DIR = 'data/files/';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/json': '.json',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'image/gif': '.gif',
  'image/tiff': '.tif',
};

/** data/files/<sha256><ext>: the name is the hash, the extension only helps a viewer open it. */
export function payloadPath(sha256: string, mediaType: string): string {
  return `${PAYLOAD_DIR}${sha256}${EXTENSIONS[mediaType] ?? ''}`;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  building: { id: string; code: string; name: string; project: { id: string; name: string } };
  generatedAt: string;
  /** Every file of the archive but manifest.json and seal.json, sorted by path */
  files: ManifestFile[];
  ledger: { count: number; head: string };
}

export interface Checkpoint {
  building: string;
  count: number;
  head: string;
}

/**
 * seal.json, written as RFC 8785 canonical JSON so that no byte of it can change unseen
 * (the file is covered by no hash: it holds the signatures).
 */
export interface Seal {
  format: typeof SEAL_FORMAT;
  algorithm: 'Ed25519';
  publicKeyPem: string;
  /** SHA-256 of the public key's SubjectPublicKeyInfo DER, as /api/ledger/public-key gives it */
  publicKeyFingerprintSha256: string;
  manifestSha256: string;
  /** Ed25519 over the 32 raw bytes of SHA-256(manifest.json), base64 */
  signature: string;
  checkpoint: Checkpoint;
  /** Ed25519 over the UTF-8 bytes of the checkpoint's canonical JSON, base64 */
  checkpointSignature: string;
}

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** manifest.json: indented for people; the seal covers its exact bytes whatever the layout. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

export function checkpointBytes(checkpoint: Checkpoint): Buffer {
  return Buffer.from(canonicalJson({ building: checkpoint.building, count: checkpoint.count, head: checkpoint.head }), 'utf8');
}

/** The key that seals: the server's (server/ledger/server-key.ts) or, in tests, any Ed25519 key. */
export interface SealKey {
  publicKeyPem: string;
  fingerprintSha256: string;
  seal(bytes: Uint8Array): Buffer;
}

export function sealKeyOf(privateKey: KeyObject): SealKey {
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprintSha256: sha256Hex(publicKey.export({ type: 'spki', format: 'der' })),
    seal: (bytes) => sign(null, bytes, privateKey),
  };
}

export function sealJson(manifest: Buffer, checkpoint: Checkpoint, key: SealKey): Buffer {
  const manifestSha256 = sha256Hex(manifest);
  const seal: Seal = {
    format: SEAL_FORMAT,
    algorithm: 'Ed25519',
    publicKeyPem: key.publicKeyPem,
    publicKeyFingerprintSha256: key.fingerprintSha256,
    manifestSha256,
    signature: key.seal(Buffer.from(manifestSha256, 'hex')).toString('base64'),
    checkpoint,
    checkpointSignature: key.seal(checkpointBytes(checkpoint)).toString('base64'),
  };
  return Buffer.from(canonicalJson(seal), 'utf8');
}

export function verifyEd25519(publicKeyPem: string, bytes: Uint8Array, signatureBase64: string): boolean {
  return verify(null, bytes, createPublicKey(publicKeyPem), Buffer.from(signatureBase64, 'base64'));
}

/**
 * One line of ledger.jsonl: the stored canonical event with `"hash":"…"` appended as its last
 * member. The line is JSON; the bytes that were hashed are the line without that suffix,
 * closed again, so the verifier hashes exactly what the server hashed (decision 002).
 */
export function ledgerLine(canonical: string, hash: string): string {
  return `${canonical.slice(0, -1)},"hash":"${hash}"}\n`;
}

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

/** The canonical event and its hash from a line (without its newline); null if the line has no hash suffix. */
export function splitLedgerLine(line: string): { canonical: string; hash: string } | null {
  const match = HASH_SUFFIX.exec(line);
  if (!match) return null;
  return { canonical: `${line.slice(0, match.index)}}`, hash: match[1] as string };
}

/** bagit.txt (RFC 8493 §2.1.1). */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** manifest-sha256.txt (RFC 8493 §2.1.3): one line per payload file. */
export function bagManifest(payload: ManifestFile[]): string {
  return payload.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}

/** bag-info.txt (RFC 8493 §2.2.2): Payload-Oxum lets a validator check sizes and count before hashing. */
export function bagInfo(args: { building: Manifest['building']; generatedAt: Date; payload: ManifestFile[] }): string {
  const octets = args.payload.reduce((sum, file) => sum + file.bytes, 0);
  const lines = [
    `Bagging-Date: ${args.generatedAt.toISOString().slice(0, 10)}`,
    `Bag-Software-Agent: BuildLedger (${ARCHIVE_FORMAT})`,
    `External-Identifier: ${args.building.code}`,
    `External-Description: ${tagValue(`${args.building.project.name} ${args.building.name} 工程质量终身责任档案`)}`,
    `Payload-Oxum: ${octets}.${args.payload.length}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A tag value is one line. */
const tagValue = (text: string) => text.replace(/\s+/g, ' ').trim();
