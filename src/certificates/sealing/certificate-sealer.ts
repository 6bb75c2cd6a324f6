import type { EntityManager } from 'typeorm';

export interface SealInput {
  certificateId: string;
  authorityId: string;
  authorityCode: string;
  /** The RFC 8785 bytes of the issued document. */
  canonical: Buffer;
  /** The hub-recorded issue time. */
  issueTime: Date;
}

/**
 * The seam where issuance seals the canonical document, inside the issuing transaction. The signing
 * module provides the CMS implementation; without it the hub records the SHA-256 only.
 */
export abstract class CertificateSealer {
  abstract seal(manager: EntityManager, input: SealInput): Promise<void>;
}

export class DigestOnlySealer extends CertificateSealer {
  async seal(): Promise<void> {
    // The document hash is stored by the issuance itself; nothing more to add without a signing key.
  }
}
