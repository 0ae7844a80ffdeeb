import { randomUUID, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import { reauthenticate } from '@/server/auth/reauthenticate';
import type { Actor } from '@/server/authz/actor';
import type { DbOrTx, Tx } from '@/server/db/client';
import { canonicalJson } from '@/server/ledger/canonical';
import { recordEvent } from '@/server/ledger/record';
import { sealBytes } from '@/server/ledger/server-key';
import { keyFingerprint, newSigningKey, unwrap } from './keys';
import { sealedBytes, type SignatureStatement } from './statement';

/**
 * The one signing service: every sign-off (pledges, inspections, milestones,
 * notices, warranty) goes through `unlockSigner` (the password re-entered at
 * that moment opens the signer's own key) and `signRecord` (inside the
 * domain's transaction: the signature row and its ledger event).
 */

export interface Signer {
  actor: Actor;
  key: { id: string; publicKeyPem: string; fingerprint: string };
  privateKey: KeyObject;
  /** A key made for this first signature: inserted, with its public key registered, by the first signRecord. */
  pendingKey: Awaited<ReturnType<typeof newSigningKey>>['row'] | null;
}

/**
 * Checks the re-entered password (throttled like sign-in) and opens the
 * signer's key, making one on their first signature. Slow on purpose
 * (argon2id twice): call it before opening the transaction.
 */
export async function unlockSigner(db: DbOrTx, actor: Actor, password: string, field = 'password'): Promise<Signer> {
  await reauthenticate(db, actor, password, field);
  const stored = await db.signingKey.findFirst({ where: { userId: actor.userId, retiredAt: null } });
  if (stored) {
    const privateKey = await unwrap(stored, password);
    // The password was just verified, so the key must open; if not, it was wrapped under another password.
    if (!privateKey) throw new Error(`signing key ${stored.id} does not open with the user's current password`);
    return { actor, key: { id: stored.id, publicKeyPem: stored.publicKeyPem, fingerprint: keyFingerprint(stored.publicKeyPem) }, privateKey, pendingKey: null };
  }
  const { privateKey, row } = await newSigningKey(actor.userId, password, randomUUID());
  return { actor, key: { id: row.id, publicKeyPem: row.publicKeyPem, fingerprint: keyFingerprint(row.publicKeyPem) }, privateKey, pendingKey: row };
}

export interface SignRequest {
  buildingId: string;
  /** The capacity signed in: a party role ("CONSTRUCTION") or a global one ("INSPECTOR"). */
  capacity: string;
  /** The title signed under, e.g. 施工单位项目经理. */
  title: string;
  /** The signed record: its table and id. */
  subject: { type: string; id: string };
  /** SHA-256 of the record's canonical JSON, which the caller stores as a file. */
  contentSha256: string;
  /** Further files the signature covers (e.g. the rendered PDF), named in the ledger event. */
  files?: string[];
  at: Date;
}

export async function signRecord(tx: Tx, signer: Signer, request: SignRequest) {
  const { actor, key } = signer;
  if (signer.pendingKey) {
    await tx.signingKey.create({ data: signer.pendingKey });
    signer.pendingKey = null;
  }
  const signerRef = { id: actor.userId, name: actor.name, role: request.capacity };
  // The public key enters each building's chain before the first signature it checks there,
  // so a building's archive alone verifies every signature in it.
  const known = await tx.signature.count({ where: { buildingId: request.buildingId, keyId: key.id } });
  if (known === 0) {
    await recordEvent(tx, {
      buildingId: request.buildingId,
      type: 'signer.keyRegistered',
      actor: signerRef,
      at: request.at,
      subjects: { signingKeyId: key.id, userId: actor.userId },
      data: { algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, fingerprintSha256: key.fingerprint, name: actor.name },
    });
  }

  const id = randomUUID();
  const statement: SignatureStatement = {
    v: 1,
    kind: 'buildledger-signature',
    id,
    signer: { id: actor.userId, name: actor.name },
    capacity: request.capacity,
    title: request.title,
    building: request.buildingId,
    subject: request.subject,
    contentSha256: request.contentSha256,
    signedAt: request.at.toISOString(),
    proof: { method: 'password-reentry', keyId: key.id, keyFingerprintSha256: key.fingerprint },
  };
  const statementText = canonicalJson(statement);
  const signature = ed25519Sign(null, Buffer.from(statementText, 'utf8'), signer.privateKey).toString('base64');
  const seal = sealBytes(sealedBytes(statementText, signature)).toString('base64');

  const row = await tx.signature.create({
    data: {
      id,
      buildingId: request.buildingId,
      signerId: actor.userId,
      keyId: key.id,
      capacity: request.capacity,
      subjectType: request.subject.type,
      subjectId: request.subject.id,
      contentSha256: request.contentSha256,
      statement: statementText,
      signature,
      seal,
      signedAt: request.at,
    },
  });
  await recordEvent(tx, {
    buildingId: request.buildingId,
    type: 'signature.signed',
    actor: signerRef,
    at: request.at,
    subjects: { signatureId: id, [subjectKey(request.subject.type)]: request.subject.id },
    files: [...new Set([request.contentSha256, ...(request.files ?? [])])],
    data: { statement: statementText, signature, seal, signingKeyId: key.id },
  });
  return row;
}

/** "PledgeDocument" → "pledgeDocumentId", the ledger's subject key. */
const subjectKey = (type: string) => `${type.charAt(0).toLowerCase()}${type.slice(1)}Id`;
