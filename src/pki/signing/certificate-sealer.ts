import type { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';

export interface SealInput {
  certificateId: string;
  authorityId: string;
  authorityCode: string;
  /** The RFC 8785 bytes of the issued document. */
  canonical: Buffer;
  /** The hub-recorded issue time. */
  issueTime: Date;
  /**
   * The exporter's detached CMS over its declaration (a certificate issued on an exporter's signed
   * application): the authority's signature covers its SHA-256 in a signed attribute.
   */
  exporterSignatureCms?: Buffer | null;
}

/** What sealing adds to an issued certificate: its detached CMS signature and the key that made it. */
export interface CertificateSeal {
  signatureCms: Buffer;
  signingKeyId: string;
  /** The MAC of the hub's own check of that signature (SignatureCheckMacs); null when it has none to give. */
  signatureCheckMac: string | null;
}

/**
 * The seam where issuance seals the canonical document, inside the issuing transaction. The signing
 * module provides the CMS implementation (pki/signing); without it the hub records the SHA-256 only.
 */
export abstract class CertificateSealer {
  /** Given the unit of work's Tx, the key's status is a condition of the change's write (ActiveKeySigner). */
  abstract seal(context: EntityManager | Tx, input: SealInput): Promise<CertificateSeal | undefined>;
}

/** Records the SHA-256 only; used by the signing benchmark to measure what signing costs. */
export class DigestOnlySealer extends CertificateSealer {
  async seal(): Promise<undefined> {
    // The document hash is stored by the issuance itself; nothing more to add without a signing key.
    return undefined;
  }
}
