import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: fewer index entries written per certificate.
 *
 * An UPDATE that changes no indexed column can be heap-only (HOT): PostgreSQL writes the new row
 * version in the same page as the old one, and no index entry at all, but only when that page has
 * room for it. With the default fill factor (100) an insert fills its page, and the update that
 * follows moves the row to another page and writes an entry in every index of the table:
 * - `certificates` (twelve indexes): the receipt of a local delivery sets the import status, the
 *   version and the time, none of them indexed. The issue before it changes indexed columns (status,
 *   expiry, signing key) and is a full update, which PostgreSQL places in the same page when it fits.
 *   A page filled to 70% keeps room for both.
 * - `delivery_attempts` (two indexes): an attempt's outcome. A page filled to 80% keeps room for it.
 * Under create + issue with the importing customs served here (1 API process, 10 clients), a
 * certificate's receipt was heap-only about half the time before and 88% of the time after, an
 * attempt's outcome 32% and 61%, and PostgreSQL wrote 110 WAL records per certificate instead of 124.
 * PostgreSQL's CPU per certificate did not move measurably (`npm run bench -- pair` against the build
 * before: 0.92x, then 1.01x and 1.01x). Pages already written keep their packing until they are
 * rewritten.
 *
 * `uq_audit_log_seq` got an entry for every audit row at its insert, while its place in the chain is
 * still NULL, and another when the sequencer sets it. NULLs never conflict in a unique index, and
 * every query that reads `seq` through it excludes NULL, so the index now holds the chained entries
 * only: one index entry fewer per audit entry, three per certificate. It is built before the old one
 * is dropped, under a lock that holds the audit log's writers (every change the hub commits) while it
 * builds: about 0.4 s per million entries on the development machine (2 million rows in 0.83 s).
 */
export class RoomForHeapOnlyUpdates1796630000000 implements MigrationInterface {
  name = 'RoomForHeapOnlyUpdates1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" SET (fillfactor = 70)`);
    await queryRunner.query(`ALTER TABLE "delivery_attempts" SET (fillfactor = 80)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_log_seq_chained" ON "audit_log" ("seq") WHERE seq IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "uq_audit_log_seq"`);
    await queryRunner.query(`ALTER INDEX "uq_audit_log_seq_chained" RENAME TO "uq_audit_log_seq"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_log_seq_all" ON "audit_log" ("seq")`);
    await queryRunner.query(`DROP INDEX "uq_audit_log_seq"`);
    await queryRunner.query(`ALTER INDEX "uq_audit_log_seq_all" RENAME TO "uq_audit_log_seq"`);
    await queryRunner.query(`ALTER TABLE "delivery_attempts" RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE "certificates" RESET (fillfactor)`);
  }
}
