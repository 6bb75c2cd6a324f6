import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The issuing authority's detached CMS over a certificate's canonical document, for the envelope
 * payload (`documentSignature`). The signing module (issue 3) stores it; where there is none the
 * field stays out of the envelope.
 */
export abstract class DocumentSignatures {
  abstract find(manager: EntityManager, certificateId: string): Promise<Buffer | null>;
}

/**
 * Reads certificates.signature_cms, the column the signing module adds, in the caller's transaction
 * (so a signature sealed earlier in the same transaction is seen). Whether the column exists is
 * looked up once per process: migrations run before the app starts, so the answer cannot change.
 */
@Injectable()
export class StoredDocumentSignatures extends DocumentSignatures {
  private columnExists?: Promise<boolean>;

  async find(manager: EntityManager, certificateId: string): Promise<Buffer | null> {
    this.columnExists ??= manager
      .query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'certificates' AND column_name = 'signature_cms'`)
      .then((rows: unknown[]) => rows.length > 0);
    if (!(await this.columnExists)) return null;
    const [row]: { signature_cms: Buffer | null }[] = await manager.query('SELECT signature_cms FROM certificates WHERE id = $1', [certificateId]);
    return row?.signature_cms ?? null;
  }
}
