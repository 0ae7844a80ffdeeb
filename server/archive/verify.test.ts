import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byteFlips, eventEdits, eventsOf, inMemory, reseal, syntheticArchive, TAMPERS, validateBag, type Files } from '@/tests/archives';
import { PATHS, sealKeyOf, splitLedgerLine } from './format';
import { verifyArchive, verifyExtends } from './verify';

const serverKey = sealKeyOf(generateKeyPairSync('ed25519').privateKey);
const otherKey = sealKeyOf(generateKeyPairSync('ed25519').privateKey);
const archive = syntheticArchive(serverKey);

const failureOf = async (files: Files) => {
  const verdict = await verifyArchive(inMemory(files));
  return verdict.ok ? null : verdict.failure;
};

describe('an archive as written', () => {
  it('verifies, counting its events, files and signatures', async () => {
    expect(await verifyArchive(inMemory(archive))).toMatchObject({ ok: true, count: 40, files: archive.size - 2, signatures: 8, keyFingerprintSha256: serverKey.fingerprintSha256 });
    expect(validateBag(archive)).toEqual({ payloadFiles: 8 });
  });

  it('checks the seal key against a pinned fingerprint', async () => {
    expect(await verifyArchive(inMemory(archive), { publicKeyFingerprintSha256: serverKey.fingerprintSha256 })).toMatchObject({ ok: true });
    expect(await verifyArchive(inMemory(archive), { publicKeyFingerprintSha256: otherKey.fingerprintSha256 })).toMatchObject({ ok: false, failure: expect.stringContaining('not the expected') });
  });

  it('hashes exactly the stored canonical text: the line minus its hash suffix', () => {
    const [line] = archive.get(PATHS.ledger)!.toString('utf8').split('\n');
    const parts = splitLedgerLine(line!)!;
    expect(JSON.parse(line!)).toEqual({ ...JSON.parse(parts.canonical), hash: parts.hash });
    expect(splitLedgerLine('{"seq":1}')).toBeNull();
  });
});

describe('tamper suite', () => {
  it.each(TAMPERS)('refuses %s, naming it', async (_name, tamper, failure) => {
    expect(await failureOf(tamper(archive, otherKey))).toMatch(failure);
  });

  it('refuses an archive without its seal, manifest or ledger', async () => {
    for (const path of [PATHS.seal, PATHS.manifest, PATHS.ledger]) {
      const out = new Map(archive);
      out.delete(path);
      expect(await failureOf(out)).toBe(`${path} is missing`);
    }
  });

  it('refuses a seal that is not written canonically, though it means the same', async () => {
    const seal = JSON.parse(archive.get(PATHS.seal)!.toString('utf8'));
    expect(await failureOf(new Map(archive).set(PATHS.seal, Buffer.from(JSON.stringify(seal, null, 1))))).toBe('seal.json is not RFC 8785 canonical JSON');
  });
});

describe('fuzz', () => {
  it('catches every one of 3,000 random byte flips, in any file', async () => {
    const missed: string[] = [];
    for (const { files, label } of byteFlips(archive, 8493, 3000)) if ((await failureOf(files)) === null) missed.push(label);
    expect(missed).toEqual([]);
  }, 120_000);

  it('catches every one of 1,500 random field edits of random events, by forgers of three skills', async () => {
    const missed: string[] = [];
    for (const { files, label } of eventEdits(archive, 8785, 1500)) if ((await failureOf(files)) === null) missed.push(label);
    expect(missed).toEqual([]);
  }, 120_000);
});

describe('--against', () => {
  it('accepts a true extension and refuses a rewritten history, a shorter chain and another building', async () => {
    const events = eventsOf(archive);
    const next = { ...events.at(-1)!, seq: events.length + 1, type: 'archive.handedOver' };
    const extended = reseal(archive, serverKey, (all) => void all.push(next));
    expect(await verifyArchive(inMemory(extended))).toMatchObject({ ok: true, count: 41 });
    expect(await verifyExtends(inMemory(archive), inMemory(extended))).toEqual({ ok: true, added: 1 });

    const rewritten = reseal(extended, serverKey, (all) => void (all[9]!.data = { ...all[9]!.data, rewritten: true }));
    expect(await verifyArchive(inMemory(rewritten))).toMatchObject({ ok: true });
    expect(await verifyExtends(inMemory(archive), inMemory(rewritten))).toEqual({ ok: false, failure: 'history rewritten: event seq 10 differs between the archives' });
    expect(await verifyExtends(inMemory(extended), inMemory(archive))).toEqual({ ok: false, failure: 'the newer archive has 40 events, fewer than the older one\'s 41' });
    expect(await verifyExtends(inMemory(archive), inMemory(syntheticArchive(serverKey)))).toEqual({ ok: false, failure: 'the archives are of different buildings' });
  });
});
