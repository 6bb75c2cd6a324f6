import type { EntityManager } from 'typeorm';

export type RecordSignatureAlgorithm = 'RSA-SHA256';

export interface RecordKeySignature {
  signature: Buffer;
  keyId: string;
  /** The signer certificate and the CA certificates above it (DER): what a verifier needs beside the signature. */
  certificateDer: Buffer;
  chainDer: Buffer[];
}

/**
 * Signs more bytes with the key that signed a certificate record (its renditions in other formats),
 * whatever holds that key (the key store today, a hardware module later). Only while that very key is
 * ACTIVE: its row is read FOR SHARE in the caller's transaction, so a retired or revoked key signs
 * nothing more, and a record signed by an older key gets no new rendition (DESIGN.md section 7).
 */
export abstract class RecordKeySigner {
  /** A raw signature of the bytes (an XML signature's SignatureValue). */
  abstract sign(manager: EntityManager, keyId: string, bytes: Buffer, algorithm: RecordSignatureAlgorithm, at: Date): Promise<RecordKeySignature>;
  /** A detached CMS SignedData over the content, signing time `at`, as the record's own signature is made. */
  /**
   * The key's certificate path (DER), from its signer certificate up to and including the owner's
   * registered trust anchor (a JWS x5c), at `at`, only while the key is ACTIVE: what a JWS header names
   * before its signing input is signed. Fixed for a key, so naming it first and signing after is safe.
   */
  abstract certificatePathOf(manager: EntityManager, keyId: string, at: Date): Promise<Buffer[]>;
  abstract signCms(manager: EntityManager, keyId: string, content: Buffer, at: Date): Promise<Buffer>;
}
