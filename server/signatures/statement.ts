import { createPublicKey, verify } from 'node:crypto';

/**
 * What a signer's key signs: the RFC 8785 canonical JSON of this statement.
 * It binds the person, the capacity and title they signed in, the record and
 * the SHA-256 of its canonical content, the time, and how they proved it was
 * them. The server's seal signs the statement's bytes followed by the 64
 * signature bytes. Stored statements outlive this code: never change v1.
 */
export interface SignatureStatement {
  v: 1;
  kind: 'buildledger-signature';
  /** Signature.id */
  id: string;
  signer: { id: string; name: string };
  capacity: string;
  title: string;
  building: string;
  subject: { type: string; id: string };
  contentSha256: string;
  signedAt: string;
  proof: { method: 'password-reentry'; keyId: string; keyFingerprintSha256: string };
}

/** The bytes the server seals: the statement's UTF-8 bytes, then the raw signature. */
export function sealedBytes(statement: string, signatureBase64: string): Buffer {
  return Buffer.concat([Buffer.from(statement, 'utf8'), Buffer.from(signatureBase64, 'base64')]);
}

/**
 * Checks a signature from archive data alone: the statement and signature of
 * a `signature.signed` event, the signer's public key from their
 * `signer.keyRegistered` event, and the server's public key. No database.
 */
export function verifySignature(input: {
  statement: string;
  signature: string;
  seal: string;
  signerPublicKeyPem: string;
  serverPublicKeyPem: string;
}): { signature: boolean; seal: boolean } {
  const statementBytes = Buffer.from(input.statement, 'utf8');
  return {
    signature: verify(null, statementBytes, createPublicKey(input.signerPublicKeyPem), Buffer.from(input.signature, 'base64')),
    seal: verify(null, sealedBytes(input.statement, input.signature), createPublicKey(input.serverPublicKeyPem), Buffer.from(input.seal, 'base64')),
  };
}
