import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The issuing authority's detached CMS over a certificate's canonical document, for the envelope
 * payload (`documentSignature`). The pki module seals it at issue; where there is none (a
 * certificate issued in the unsigned benchmark mode) the field stays out of the envelope.
 */
export abstract class DocumentSignatures {
  abstract find(manager: EntityManager, certificateId: string): Promise<Buffer | null>;
}

/** Reads certificates.signature_cms in the caller's transaction, so a signature sealed earlier in it is seen. */
@Injectable()
export class StoredDocumentSignatures extends DocumentSignatures {
  async find(manager: EntityManager, certificateId: string): Promise<Buffer | null> {
    const [row]: { signature_cms: Buffer | null }[] = await manager.query('SELECT signature_cms FROM certificates WHERE id = $1', [certificateId]);
    return row?.signature_cms ?? null;
  }
}
