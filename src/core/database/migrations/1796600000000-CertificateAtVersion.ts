import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14: an issue reads its DRAFT without a lock and writes it in one statement of its own (no
// START, no COMMIT), which holds only while the row is still at the version read. The write's
// condition (core/unit-of-work: Tx.require) calls this function: it takes the row FOR UPDATE, as the
// locked read before it did (a change racing the write waits for its commit), and raises SQLSTATE
// EC001 (a condition no longer holds: the unit of work runs the change once more, reading afresh)
// when the row is gone or at another version. VOLATILE: it locks a row, at the time of the write.
export class CertificateAtVersion1796600000000 implements MigrationInterface {
  name = 'CertificateAtVersion1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ecoo_certificate_at_version(certificate uuid, expected integer) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $body$
      DECLARE
        current integer;
      BEGIN
        SELECT version INTO current FROM certificates WHERE id = certificate FOR UPDATE;
        IF current IS DISTINCT FROM expected THEN
          RAISE EXCEPTION 'the certificate changed since it was read' USING ERRCODE = 'EC001';
        END IF;
        RETURN true;
      END
    $body$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION ecoo_certificate_at_version(uuid, integer)');
  }
}
