import { isUtf8 } from 'node:buffer';
import { createPublicKey } from 'node:crypto';
import { isCanonicalJson } from '@/server/ledger/canonical';
import { ChainCheck } from '@/server/ledger/chain';
import { verifySignature } from '@/server/signatures/statement';
import {
  ARCHIVE_FORMAT,
  BAGIT_TXT,
  checkpointBytes,
  PATHS,
  PAYLOAD_DIR,
  SEAL_FORMAT,
  sha256Hex,
  splitLedgerLine,
  verifyEd25519,
  type Manifest,
  type ManifestFile,
  type Seal,
} from './format';

/**
 * The offline verifier of a building's archive (DESIGN.md Contract 6): no database, no
 * network, only the archive's own bytes. Used by scripts/verify-archive.ts and the tests.
 * Stops at the first thing that does not hold and names it.
 */

/** The files of an archive, wherever they are (a ZIP, memory). */
export interface ArchiveSource {
  /** Every file's path, as the container lists it (directories left out) */
  paths: string[];
  /** A file's size as the container declares it, so that a file of the wrong size is refused unread */
  size?(path: string): number;
  read(path: string): Promise<Buffer>;
}

export interface VerifiedArchive {
  ok: true;
  building: Manifest['building'];
  generatedAt: string;
  count: number;
  head: string;
  files: number;
  signatures: number;
  keyFingerprintSha256: string;
}
export type ArchiveVerdict = VerifiedArchive | { ok: false; failure: string };

export interface VerifyOptions {
  /** The server key the seal must be made with (its SPKI SHA-256, as /api/ledger/public-key gives it) */
  publicKeyFingerprintSha256?: string;
}

class Failure extends Error {}
const fail = (message: string): never => {
  throw new Failure(message);
};

export async function verifyArchive(source: ArchiveSource, options: VerifyOptions = {}): Promise<ArchiveVerdict> {
  try {
    return await check(source, options);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, failure: error.message };
    throw error;
  }
}

async function check(source: ArchiveSource, options: VerifyOptions): Promise<VerifiedArchive> {
  const present = new Set<string>();
  for (const path of source.paths) {
    if (present.has(path)) fail(`${path} is in the archive twice`);
    present.add(path);
  }
  for (const path of [PATHS.manifest, PATHS.seal, PATHS.ledger]) if (!present.has(path)) fail(`${path} is missing`);

  const manifestRaw = await source.read(PATHS.manifest);
  const manifest = readManifest(manifestRaw);
  const seal = readSeal(await source.read(PATHS.seal));
  checkSeal(seal, manifestRaw, manifest, options);

  const ledger = await checkLedger(await source.read(PATHS.ledger), manifest);

  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const path of source.paths) {
    if (path !== PATHS.manifest && path !== PATHS.seal && !listed.has(path)) fail(`${path} is not listed in manifest.json`);
  }
  for (const file of manifest.files) await checkFile(source, present, file);

  const sha256s = new Set(manifest.files.map((file) => file.sha256));
  for (const { seq, sha256 } of ledger.namedFiles) {
    if (!sha256s.has(sha256)) fail(`ledger.jsonl seq ${seq}: file ${sha256} named by the event is not in the archive`);
  }
  const signatures = checkSignatures(ledger, seal.publicKeyPem);
  if (listed.has(PATHS.publicKey) && (await source.read(PATHS.publicKey)).toString('utf8') !== seal.publicKeyPem) {
    fail(`${PATHS.publicKey} is not the key in seal.json`);
  }
  await checkBag(source, manifest);

  return {
    ok: true,
    building: manifest.building,
    generatedAt: manifest.generatedAt,
    count: ledger.count,
    head: ledger.head,
    files: manifest.files.length,
    signatures,
    keyFingerprintSha256: seal.publicKeyFingerprintSha256,
  };
}

const SHA256 = /^[0-9a-f]{64}$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function readJson(bytes: Buffer, path: string): unknown {
  if (!isUtf8(bytes)) fail(`${path} is not UTF-8`);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return fail(`${path} is not JSON`);
  }
}

function readManifest(bytes: Buffer): Manifest {
  const value = readJson(bytes, PATHS.manifest);
  if (!isObject(value) || value.format !== ARCHIVE_FORMAT) return fail(`manifest.json is not of format ${ARCHIVE_FORMAT}`);
  const { building, ledger, files } = value;
  if (!isObject(building) || typeof building.id !== 'string') fail('manifest.json names no building');
  if (!isObject(ledger) || !isCount(ledger.count) || typeof ledger.head !== 'string' || !SHA256.test(ledger.head)) {
    fail('manifest.json has no valid ledger {count, head}');
  }
  if (!Array.isArray(files)) return fail('manifest.json has no files list');
  const paths = new Set<string>();
  for (const file of files as unknown[]) {
    if (!isObject(file) || typeof file.path !== 'string' || typeof file.sha256 !== 'string' || !SHA256.test(file.sha256) || !isCount(file.bytes)) {
      fail(`manifest.json has a malformed file entry: ${JSON.stringify(file)}`);
    }
    const { path } = file as unknown as ManifestFile;
    if (path === PATHS.manifest || path === PATHS.seal) fail(`manifest.json lists ${path}, which it cannot`);
    if (paths.has(path)) fail(`manifest.json lists ${path} twice`);
    paths.add(path);
  }
  return value as unknown as Manifest;
}

const SEAL_KEYS = ['algorithm', 'checkpoint', 'checkpointSignature', 'format', 'manifestSha256', 'publicKeyFingerprintSha256', 'publicKeyPem', 'signature'];

/** Strict: seal.json is covered by no hash, so every byte of it must be the only way to write its content. */
function readSeal(bytes: Buffer): Seal {
  if (!isUtf8(bytes) || !isCanonicalJson(bytes.toString('utf8'))) fail('seal.json is not RFC 8785 canonical JSON');
  const value = JSON.parse(bytes.toString('utf8')) as unknown;
  if (!isObject(value) || Object.keys(value).join() !== SEAL_KEYS.join()) return fail('seal.json does not have the fields of a seal');
  if (value.format !== SEAL_FORMAT || value.algorithm !== 'Ed25519') fail(`seal.json is not an Ed25519 seal of format ${SEAL_FORMAT}`);
  const { checkpoint } = value;
  if (!isObject(checkpoint) || Object.keys(checkpoint).join() !== 'building,count,head') fail('seal.json has no valid checkpoint');
  for (const name of ['signature', 'checkpointSignature'] as const) {
    const text = value[name];
    // Re-encoding refuses base64 spellings that decode to the same bytes
    if (typeof text !== 'string' || text.length !== 88 || Buffer.from(text, 'base64').toString('base64') !== text) {
      fail(`seal.json: ${name} is not a base64 Ed25519 signature`);
    }
  }
  const seal = value as unknown as Seal;
  let der: Buffer;
  try {
    const key = createPublicKey(seal.publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519' || key.export({ type: 'spki', format: 'pem' }).toString() !== seal.publicKeyPem) throw new Error();
    der = key.export({ type: 'spki', format: 'der' });
  } catch {
    return fail('seal.json: publicKeyPem is not an Ed25519 public key in SPKI PEM');
  }
  if (sha256Hex(der) !== seal.publicKeyFingerprintSha256) fail('seal.json: publicKeyFingerprintSha256 is not the fingerprint of publicKeyPem');
  return seal;
}

function checkSeal(seal: Seal, manifestRaw: Buffer, manifest: Manifest, options: VerifyOptions): void {
  if (options.publicKeyFingerprintSha256 && options.publicKeyFingerprintSha256.toLowerCase() !== seal.publicKeyFingerprintSha256) {
    fail(`seal: made with key ${seal.publicKeyFingerprintSha256}, not the expected ${options.publicKeyFingerprintSha256}`);
  }
  if (seal.manifestSha256 !== sha256Hex(manifestRaw)) fail('seal: manifest.json changed after it was sealed (its SHA-256 is not the sealed one)');
  checkSealSignatures(seal);
  const { checkpoint } = seal;
  if (checkpoint.building !== manifest.building.id || checkpoint.count !== manifest.ledger.count || checkpoint.head !== manifest.ledger.head) {
    fail('seal: the checkpoint does not match the manifest');
  }
}

function checkSealSignatures(seal: Seal): void {
  if (!verifyEd25519(seal.publicKeyPem, Buffer.from(seal.manifestSha256, 'hex'), seal.signature)) {
    fail('seal: the signature over manifest.json does not verify with the seal key');
  }
  if (!verifyEd25519(seal.publicKeyPem, checkpointBytes(seal.checkpoint), seal.checkpointSignature)) {
    fail('seal: the checkpoint signature does not verify with the seal key');
  }
}

/**
 * seal.json on its own, as the 建设单位 hands it over with the archive: read strictly, both of
 * its signatures valid under its own key. What it seals is for the caller to compare.
 */
export function readSealFile(bytes: Buffer): { ok: true; seal: Seal } | { ok: false; failure: string } {
  try {
    const seal = readSeal(bytes);
    checkSealSignatures(seal);
    return { ok: true, seal };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, failure: error.message };
    throw error;
  }
}

interface SignedEvent {
  seq: number;
  statement: string;
  signature: string;
  seal: string;
  signingKeyId: string;
  signer: string;
}

interface CheckedLedger {
  count: number;
  head: string;
  namedFiles: { seq: number; sha256: string }[];
  /** Signer keys registered in the chain, by SigningKey id */
  keys: Map<string, string>;
  signed: SignedEvent[];
}

async function checkLedger(bytes: Buffer, manifest: Manifest): Promise<CheckedLedger> {
  if (!isUtf8(bytes)) fail('ledger.jsonl is not UTF-8');
  const text = bytes.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) fail('ledger.jsonl does not end with a newline: it is cut short');
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');
  const chain = new ChainCheck<null>(manifest.building.id.toLowerCase());
  const result: CheckedLedger = { count: 0, head: chain.head, namedFiles: [], keys: new Map(), signed: [] };
  for (const line of lines) {
    const seq = chain.count + 1;
    const parts = splitLedgerLine(line);
    if (!parts) fail(`ledger.jsonl seq ${seq}: the line does not end with its "hash"`);
    const reason = chain.next(parts!.canonical, parts!.hash, null);
    if (reason !== null) fail(`ledger.jsonl seq ${seq}: ${reason}`);
    collect(result, seq, JSON.parse(parts!.canonical) as LedgerJson);
  }
  result.count = chain.count;
  result.head = chain.head;
  if (result.count !== manifest.ledger.count) fail(`ledger.jsonl has ${result.count} events, manifest.json says ${manifest.ledger.count}`);
  if (result.head !== manifest.ledger.head) fail('ledger.jsonl ends at another head than manifest.json says');
  return result;
}

interface LedgerJson {
  type: string;
  actor: { name?: string };
  subjects?: Record<string, string>;
  files?: unknown;
  data?: Record<string, unknown>;
}

function collect(into: CheckedLedger, seq: number, event: LedgerJson): void {
  if (!Array.isArray(event.files)) fail(`ledger.jsonl seq ${seq}: event has no files list`);
  for (const sha256 of event.files as unknown[]) {
    if (typeof sha256 !== 'string' || !SHA256.test(sha256)) fail(`ledger.jsonl seq ${seq}: event names a file that is not a SHA-256`);
    into.namedFiles.push({ seq, sha256: sha256 as string });
  }
  const data = event.data ?? {};
  if (event.type === 'signer.keyRegistered' && typeof data.publicKeyPem === 'string' && event.subjects?.signingKeyId) {
    into.keys.set(event.subjects.signingKeyId, data.publicKeyPem);
  }
  if (event.type === 'signature.signed') {
    const { statement, signature, seal, signingKeyId } = data;
    if (typeof statement !== 'string' || typeof signature !== 'string' || typeof seal !== 'string' || typeof signingKeyId !== 'string') {
      fail(`ledger.jsonl seq ${seq}: signature event without statement, signature, seal and key`);
    }
    into.signed.push({ seq, statement, signature, seal, signingKeyId, signer: event.actor.name ?? '' } as SignedEvent);
  }
}

/** Every signature in the chain, by its signer's key registered earlier in the chain, sealed by the archive's seal key. */
function checkSignatures(ledger: CheckedLedger, serverPublicKeyPem: string): number {
  for (const signed of ledger.signed) {
    const signerPublicKeyPem = ledger.keys.get(signed.signingKeyId);
    if (!signerPublicKeyPem) return fail(`ledger.jsonl seq ${signed.seq}: the signer's key ${signed.signingKeyId} is not registered in the chain`);
    let verdict: { signature: boolean; seal: boolean };
    try {
      verdict = verifySignature({ ...signed, signerPublicKeyPem, serverPublicKeyPem });
    } catch {
      return fail(`ledger.jsonl seq ${signed.seq}: the signature cannot be read`);
    }
    if (!verdict.signature) fail(`ledger.jsonl seq ${signed.seq}: ${signed.signer}'s signature does not verify with their key`);
    if (!verdict.seal) fail(`ledger.jsonl seq ${signed.seq}: the server's seal of the signature does not verify with the archive's seal key`);
  }
  return ledger.signed.length;
}

async function checkFile(source: ArchiveSource, present: Set<string>, file: ManifestFile): Promise<void> {
  if (!present.has(file.path)) fail(`${file.path} is listed in manifest.json but missing`);
  const declared = source.size?.(file.path);
  if (declared !== undefined && declared !== file.bytes) fail(`${file.path} has ${declared} bytes, manifest.json says ${file.bytes}`);
  const bytes = await source.read(file.path);
  if (bytes.length !== file.bytes) fail(`${file.path} has ${bytes.length} bytes, manifest.json says ${file.bytes}`);
  const sha256 = sha256Hex(bytes);
  if (sha256 !== file.sha256) fail(`${file.path}: SHA-256 ${sha256} is not the ${file.sha256} in manifest.json`);
  if (file.path.startsWith(PAYLOAD_DIR) && !file.path.slice(PAYLOAD_DIR.length).startsWith(sha256)) {
    fail(`${file.path} is not named by its SHA-256 ${sha256}`);
  }
}

/** The BagIt view agrees with manifest.json: the same payload with the same hashes (RFC 8493 §3). */
async function checkBag(source: ArchiveSource, manifest: Manifest): Promise<void> {
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const path of [PATHS.bagit, PATHS.bagManifest]) if (!listed.has(path)) fail(`${path} is missing: the archive is not a BagIt bag`);
  if ((await source.read(PATHS.bagit)).toString('utf8') !== BAGIT_TXT) fail('bagit.txt is not a BagIt 1.0 declaration');
  const payload = manifest.files.filter((file) => file.path.startsWith('data/'));
  const lines = (await source.read(PATHS.bagManifest)).toString('utf8').split('\n').filter(Boolean);
  const inBag = new Map<string, string>();
  for (const line of lines) {
    const match = /^([0-9a-f]{64}) +(.+)$/.exec(line);
    if (!match) return fail(`manifest-sha256.txt has a malformed line: ${line}`);
    inBag.set(match[2] as string, match[1] as string);
  }
  for (const file of payload) {
    if (inBag.get(file.path) !== file.sha256) fail(`manifest-sha256.txt does not list ${file.path} with its SHA-256`);
  }
  if (inBag.size !== payload.length) fail('manifest-sha256.txt lists a file that is not in the payload');
}

/**
 * `--against`: the newer archive's chain extends the older one's (same building, and every
 * event of the older archive, byte for byte with its hash, at the start of the newer one).
 * Both must have verified on their own first.
 */
export async function verifyExtends(older: ArchiveSource, newer: ArchiveSource): Promise<{ ok: true; added: number } | { ok: false; failure: string }> {
  try {
    return await compareChains(older, newer);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, failure: error.message };
    throw error;
  }
}

async function compareChains(older: ArchiveSource, newer: ArchiveSource): Promise<{ ok: true; added: number } | { ok: false; failure: string }> {
  const [oldManifest, newManifest] = [readJson(await older.read(PATHS.manifest), 'older manifest.json'), readJson(await newer.read(PATHS.manifest), 'newer manifest.json')] as Manifest[];
  if (oldManifest!.building.id !== newManifest!.building.id) return { ok: false, failure: 'the archives are of different buildings' };
  const oldLines = (await older.read(PATHS.ledger)).toString('utf8').split('\n');
  const newLines = (await newer.read(PATHS.ledger)).toString('utf8').split('\n');
  const oldCount = oldLines.length - 1;
  const newCount = newLines.length - 1;
  for (let k = 0; k < oldCount; k++) {
    if (k >= newCount) return { ok: false, failure: `the newer archive has ${newCount} events, fewer than the older one's ${oldCount}` };
    if (oldLines[k] !== newLines[k]) return { ok: false, failure: `history rewritten: event seq ${k + 1} differs between the archives` };
  }
  return { ok: true, added: newCount - oldCount };
}
