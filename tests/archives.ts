import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import {
  ARCHIVE_FORMAT,
  BAGIT_TXT,
  bagInfo,
  bagManifest,
  ledgerLine,
  manifestBytes,
  PATHS,
  payloadPath,
  sealJson,
  sha256Hex,
  splitLedgerLine,
  type Manifest,
  type ManifestFile,
  type SealKey,
} from '@/server/archive/format';
import type { ArchiveSource } from '@/server/archive/verify';
import { canonicalJson } from '@/server/ledger/canonical';
import { chainHash, ZERO_HASH } from '@/server/ledger/chain';
import { sealedBytes } from '@/server/signatures/statement';
import { seededRandom } from './random';

/** Archives as a map of path → bytes, for tests that tamper with them in memory. */
export type Files = Map<string, Buffer>;

export function inMemory(files: Files): ArchiveSource {
  return {
    paths: [...files.keys()],
    read: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new Error(`${path} is not in the archive`);
      return bytes;
    },
  };
}

type Event = Record<string, unknown> & { seq: number; files: string[]; data: Record<string, unknown> };

export function eventsOf(files: Files): Event[] {
  const text = files.get(PATHS.ledger)!.toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(splitLedgerLine(line)!.canonical) as Event);
}

function ledgerOf(events: object[]): { text: string; head: string } {
  let head = ZERO_HASH;
  let text = '';
  for (const event of events) {
    const canonical = canonicalJson(event);
    head = chainHash(head, canonical);
    text += ledgerLine(canonical, head);
  }
  return { text, head };
}

/**
 * What a forger with every byte but the seal key can do: edit the events, recompute the chain,
 * the manifest's hashes, count and head, and seal with `key`.
 */
export function reseal(files: Files, key: SealKey, edit: (events: Event[]) => void = () => {}): Files {
  const events = eventsOf(files);
  edit(events);
  const { text, head } = ledgerOf(events);
  const out = new Map(files);
  out.set(PATHS.ledger, Buffer.from(text, 'utf8'));
  const manifest = JSON.parse(files.get(PATHS.manifest)!.toString('utf8')) as Manifest;
  manifest.files = manifest.files.map((f) => ({ ...f, sha256: sha256Hex(out.get(f.path)!), bytes: out.get(f.path)!.length }));
  manifest.ledger = { count: events.length, head };
  const bytes = manifestBytes(manifest);
  out.set(PATHS.manifest, bytes);
  out.set(PATHS.seal, sealJson(bytes, { building: manifest.building.id, count: events.length, head }, key));
  return out;
}

/**
 * A small BagIt validator written from RFC 8493 (§2.1.1 bagit.txt, §2.1.3 payload manifests,
 * §2.2.2 Payload-Oxum, §3 validity): throws naming what is wrong.
 */
export function validateBag(files: Files): { payloadFiles: number } {
  const declaration = files.get('bagit.txt')?.toString('utf8');
  if (!declaration) throw new Error('no bagit.txt');
  const lines = declaration.split(/\r\n|\r|\n/).filter(Boolean);
  if (!/^BagIt-Version: \d+\.\d+$/.test(lines[0] ?? '') || !/^Tag-File-Character-Encoding: \S+$/.test(lines[1] ?? '') || lines.length !== 2) {
    throw new Error('bagit.txt is not two lines: BagIt-Version, Tag-File-Character-Encoding');
  }
  const payload = [...files.keys()].filter((p) => p.startsWith('data/'));
  const manifests = [...files.keys()].filter((p) => /^manifest-[a-z0-9]+\.txt$/.test(p));
  if (manifests.length === 0) throw new Error('no payload manifest');
  for (const name of manifests) {
    const algorithm = name.slice('manifest-'.length, -'.txt'.length);
    const listed = new Set<string>();
    for (const line of files.get(name)!.toString('utf8').split(/\r\n|\r|\n/).filter(Boolean)) {
      const match = /^(\S+)[ \t]+(.+)$/.exec(line);
      if (!match) throw new Error(`${name}: malformed line ${line}`);
      const [, checksum, filepath] = match as unknown as [string, string, string];
      const bytes = files.get(filepath);
      if (!bytes) throw new Error(`${name}: ${filepath} is missing`);
      if (!filepath.startsWith('data/')) throw new Error(`${name}: ${filepath} is not payload`);
      if (createHash(algorithm).update(bytes).digest('hex') !== checksum.toLowerCase()) throw new Error(`${name}: ${filepath} has another checksum`);
      listed.add(filepath);
    }
    for (const p of payload) if (!listed.has(p)) throw new Error(`${p} is not in ${name}`);
  }
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(files.get('bag-info.txt')?.toString('utf8') ?? '');
  if (oxum) {
    const octets = payload.reduce((sum, p) => sum + files.get(p)!.length, 0);
    if (Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.length) throw new Error('Payload-Oxum does not match the payload');
  }
  return { payloadFiles: payload.length };
}

/**
 * A small archive made with the exporter's own format functions, with signed events, for
 * tests that verify it thousands of times.
 */
export function syntheticArchive(key: SealKey, size: { events: number; files: number } = { events: 40, files: 8 }): Files {
  const building = randomUUID();
  const generatedAt = new Date('2026-12-01T02:00:00.000Z');
  const payload: (ManifestFile & { bytes: number })[] = [];
  const out: Files = new Map();
  for (let k = 0; k < size.files; k++) {
    const bytes = Buffer.from(`照片 ${k} ${'x'.repeat(50 + k * 7)}`, 'utf8');
    const sha256 = sha256Hex(bytes);
    const path = payloadPath(sha256, k % 2 ? 'image/jpeg' : 'application/json');
    out.set(path, bytes);
    payload.push({ path, sha256, bytes: bytes.length });
  }
  const signer = generateKeyPairSync('ed25519');
  const signerPem = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const signerId = randomUUID();
  const keyId = randomUUID();
  const actor = { id: signerId, name: '张丽萍', role: 'SUPERVISION' };
  const at = (seq: number) => new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString();
  const events: object[] = [
    { v: 1, seq: 1, building, type: 'signer.keyRegistered', actor, at: at(1), subjects: { signingKeyId: keyId, userId: signerId }, files: [], data: { publicKeyPem: signerPem } },
  ];
  for (let seq = 2; seq <= size.events; seq++) {
    const file = payload[seq % payload.length]!;
    if (seq % 5 === 0) {
      const statement = canonicalJson({ v: 1, kind: 'buildledger-signature', id: randomUUID(), signer: { id: signerId, name: actor.name }, contentSha256: file.sha256, signedAt: at(seq) });
      const signature = sign(null, Buffer.from(statement, 'utf8'), signer.privateKey).toString('base64');
      const seal = key.seal(sealedBytes(statement, signature)).toString('base64');
      events.push({ v: 1, seq, building, type: 'signature.signed', actor, at: at(seq), subjects: { signatureId: randomUUID() }, files: [file.sha256], data: { statement, signature, seal, signingKeyId: keyId } });
    } else {
      events.push({ v: 1, seq, building, type: 'inspection.recorded', actor, at: at(seq), subjects: { recordId: randomUUID() }, files: [file.sha256], data: { verdict: seq % 3 ? 'PASS' : 'FAIL', n: seq * 1.5, note: `第${seq}层` } });
    }
  }
  const { text, head } = ledgerOf(events);
  const manifestBuilding = { id: building, code: 'BL-TEST-0001', name: '测试楼', project: { id: randomUUID(), name: '测试项目' } };
  const tags: [string, Buffer][] = [
    [PATHS.ledger, Buffer.from(text, 'utf8')],
    [PATHS.publicKey, Buffer.from(key.publicKeyPem, 'utf8')],
    [PATHS.bagit, Buffer.from(BAGIT_TXT, 'utf8')],
    [PATHS.bagInfo, Buffer.from(bagInfo({ building: manifestBuilding, generatedAt, payload }), 'utf8')],
    [PATHS.bagManifest, Buffer.from(bagManifest(payload), 'utf8')],
  ];
  for (const [path, bytes] of tags) out.set(path, bytes);
  const files = [...out].map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.length })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest = manifestBytes({ format: ARCHIVE_FORMAT, building: manifestBuilding, generatedAt: generatedAt.toISOString(), files, ledger: { count: events.length, head } });
  out.set(PATHS.manifest, manifest);
  out.set(PATHS.seal, sealJson(manifest, { building, count: events.length, head }, key));
  return out;
}

const photoOf = (files: Files) => [...files.keys()].find((p) => p.startsWith('data/files/') && p.endsWith('.jpg'))!;
const ledgerLines = (files: Files) => files.get(PATHS.ledger)!.toString('utf8').split('\n').slice(0, -1);
const withLedger = (files: Files, lines: string[]) => new Map(files).set(PATHS.ledger, Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));

/**
 * The tamper suite of issue 8: each way of changing an archive, and the failure the verifier
 * must name for it. `otherKey` is a key that is not the server's.
 */
export const TAMPERS: [name: string, tamper: (files: Files, otherKey: SealKey) => Files, failure: RegExp][] = [
  [
    'a flipped byte in a photo',
    (files) => {
      const photo = photoOf(files);
      const bytes = Buffer.from(files.get(photo)!);
      bytes[bytes.length >> 1]! ^= 0x20;
      return new Map(files).set(photo, bytes);
    },
    /^data\/files\/[0-9a-f]{64}\.jpg: SHA-256 [0-9a-f]{64} is not the [0-9a-f]{64} in manifest\.json$/,
  ],
  [
    'an edited event',
    (files) => {
      const lines = ledgerLines(files);
      const k = lines.length >> 1;
      lines[k] = lines[k]!.replace(/"at":"(\d{4})/, (_, year: string) => `"at":"${Number(year) - 1}`);
      return withLedger(files, lines);
    },
    /^ledger\.jsonl seq \d+: hash does not match the chain$/,
  ],
  [
    'a deleted event',
    (files) => {
      const lines = ledgerLines(files);
      lines.splice(3, 1);
      return withLedger(files, lines);
    },
    /^ledger\.jsonl seq 4: event says seq 5 where 4 belongs$/,
  ],
  [
    'two swapped events',
    (files) => {
      const lines = ledgerLines(files);
      [lines[5], lines[6]] = [lines[6]!, lines[5]!];
      return withLedger(files, lines);
    },
    /^ledger\.jsonl seq 6: event says seq 7 where 6 belongs$/,
  ],
  [
    'a truncated ledger, manifest unchanged',
    (files) => withLedger(files, ledgerLines(files).slice(0, -3)),
    /^ledger\.jsonl has \d+ events, manifest\.json says \d+$/,
  ],
  [
    'an event edited and the chain recomputed, manifest unchanged',
    (files) => {
      const events = eventsOf(files);
      events[2]!.type = 'pledge.revoked';
      return new Map(files).set(PATHS.ledger, Buffer.from(ledgerOf(events).text, 'utf8'));
    },
    /^ledger\.jsonl ends at another head than manifest\.json says$/,
  ],
  [
    'the manifest edited without re-sealing',
    (files) => {
      const text = files.get(PATHS.manifest)!.toString('utf8');
      return new Map(files).set(PATHS.manifest, Buffer.from(text.replace(/"generatedAt": "\d{4}/, '"generatedAt": "2099'), 'utf8'));
    },
    /^seal: manifest\.json changed after it was sealed/,
  ],
  [
    'history rewritten and the manifest updated, the old seal kept',
    (files) => reseal(files, { ...keyOfSeal(files), seal: () => Buffer.alloc(64) }, (events) => void (events[1]!.type = 'pledge.revoked')).set(PATHS.seal, files.get(PATHS.seal)!),
    /^seal: manifest\.json changed after it was sealed/,
  ],
  ['a seal from another key', (files, otherKey) => reseal(files, otherKey), /^ledger\.jsonl seq \d+: the server's seal of the signature does not verify with the archive's seal key$/],
  ['an extra unlisted file', (files) => new Map(files).set('data/files/extra.txt', Buffer.from('extra')), /^data\/files\/extra\.txt is not listed in manifest\.json$/],
  [
    'a missing file',
    (files) => {
      const out = new Map(files);
      out.delete(photoOf(files));
      return out;
    },
    /^data\/files\/[0-9a-f]{64}\.jpg is listed in manifest\.json but missing$/,
  ],
];

/** The public half of an archive's seal key, for a forger who cannot sign. */
function keyOfSeal(files: Files): Omit<SealKey, 'seal'> {
  const seal = JSON.parse(files.get(PATHS.seal)!.toString('utf8')) as { publicKeyPem: string; publicKeyFingerprintSha256: string };
  return { publicKeyPem: seal.publicKeyPem, fingerprintSha256: seal.publicKeyFingerprintSha256 };
}

/** Copies of the archive, each with one random byte of one random file changed. */
export function* byteFlips(files: Files, seed: number, count: number): Generator<{ files: Files; label: string }> {
  const r = seededRandom(seed);
  const paths = [...files.keys()];
  for (let k = 0; k < count; k++) {
    const path = r.pick(paths);
    const bytes = Buffer.from(files.get(path)!);
    const at = r.int(bytes.length);
    bytes[at]! ^= 1 + r.int(255);
    yield { files: new Map(files).set(path, bytes), label: `${path}@${at}` };
  }
}

const FIELD_VALUES: unknown[] = [null, true, 0, 1, -1, 1.5, '', 'x', '张三', [], {}, ['a'.repeat(64)], { id: 'x' }, '2026-11-01T00:00:00.000Z'];

/**
 * Copies of the archive with one field of one random event set to another value, by forgers
 * of three skills in turn: one who edits the line and keeps every hash, one who recomputes the
 * chain, and one who also recomputes the manifest but cannot sign.
 */
export function* eventEdits(files: Files, seed: number, count: number): Generator<{ files: Files; label: string }> {
  const r = seededRandom(seed);
  const events = eventsOf(files);
  const fields = Object.keys(events[0]!);
  const lines = files.get(PATHS.ledger)!.toString('utf8').split('\n');
  const unsigning = { ...keyOfSeal(files), seal: () => Buffer.alloc(64) };
  for (let k = 0; k < count; k++) {
    const edited = structuredClone(events);
    const seq = r.int(edited.length) + 1;
    const event = edited[seq - 1] as Record<string, unknown>;
    const field = r.pick(fields);
    const value = r.pick(FIELD_VALUES);
    if (JSON.stringify(event[field]) === JSON.stringify(value)) continue;
    event[field] = value;
    const skill = k % 3;
    let forged: Files;
    if (skill === 0) {
      const { hash } = splitLedgerLine(lines[seq - 1]!)!;
      const canonical = JSON.stringify(event);
      const forgedLines = lines.with(seq - 1, `${canonical.slice(0, -1)},"hash":"${hash}"}`);
      forged = new Map(files).set(PATHS.ledger, Buffer.from(forgedLines.join('\n'), 'utf8'));
    } else if (skill === 1) {
      forged = new Map(files).set(PATHS.ledger, Buffer.from(ledgerOf(edited).text, 'utf8'));
    } else {
      forged = reseal(files, unsigning, (all) => void all.splice(0, all.length, ...edited)).set(PATHS.seal, files.get(PATHS.seal)!);
    }
    yield { files: forged, label: `seq ${seq} ${field}=${JSON.stringify(value)} skill ${skill}` };
  }
}
