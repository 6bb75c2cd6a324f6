import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns that hold a certificate's document, its signatures and renditions, the envelopes
 * exchanged and the documents uploaded: the values PostgreSQL compresses when a row outgrows a page's
 * share (TOAST). They are compressed with LZ4 where the server offers it, PostgreSQL's default being
 * its own pglz. Issue 14: under create + issue, with every certificate written three times (created,
 * issued, and as its delivery's envelope), PostgreSQL spent a tenth less CPU per certificate with LZ4
 * on these columns (paired windows, the same build on two databases of one server). Values already
 * stored keep the compression they were written with; PostgreSQL reads both.
 *
 * LZ4 needs PostgreSQL 14 built with it (`default_toast_compression` then lists it); elsewhere (an
 * older server, the embedded database of trial mode) this migration changes nothing.
 */
export const LZ4_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  certificates: ['document', 'canonical_document', 'signature_cms', 'exporter_signature_cms', 'signature_check'],
  certificate_renditions: ['document', 'signature'],
  deliveries: ['envelope', 'acknowledgement'],
  inbound_envelopes: ['envelope', 'acknowledgement'],
  applications: ['document', 'declaration_signature'],
  application_documents: ['content'],
  verification_attachments: ['content'],
  import_declarations: ['declaration'],
  idempotency_keys: ['response_body'],
};

function alterAll(method: 'lz4' | 'DEFAULT'): string {
  return Object.entries(LZ4_COLUMNS)
    .map(([table, columns]) => `ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} SET COMPRESSION ${method}`).join(', ')};`)
    .join('\n        ');
}

export class DocumentsCompressedWithLz41796610000000 implements MigrationInterface {
  name = 'DocumentsCompressedWithLz41796610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $migration$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ${alterAll('lz4')}
        END IF;
      END
    $migration$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $migration$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression') THEN
        ${alterAll('DEFAULT')}
        END IF;
      END
    $migration$`);
  }
}
