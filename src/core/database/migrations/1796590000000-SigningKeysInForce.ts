import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14: a signing key's status is a condition of the statement that stores what it signed, not a
// read of its own before it. The issuing process takes the key from its cache, signs, and the write
// (one statement with the certificate, its event, deliveries and audit entry) calls this function:
// it takes each key's row FOR SHARE, as the read before it did (a revocation or retirement racing the
// change waits for its commit), and raises SQLSTATE EC001 (core/unit-of-work: a condition no longer
// holds) when a key is not ACTIVE or its certificate is not valid at the signing time. VOLATILE: it
// locks rows, and runs once per statement, at the time of the write.
export class SigningKeysInForce1796590000000 implements MigrationInterface {
  name = 'SigningKeysInForce1796590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ecoo_signing_keys_in_force(key_ids uuid[], signing_time timestamptz) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $body$
      DECLARE
        held integer;
      BEGIN
        SELECT count(*) INTO held FROM (
          SELECT id FROM signing_keys
           WHERE id = ANY(key_ids) AND status = 'ACTIVE'
             AND (not_before IS NULL OR not_before <= signing_time) AND (not_after IS NULL OR signing_time <= not_after)
             FOR SHARE
        ) in_force;
        IF held < (SELECT count(DISTINCT id) FROM unnest(key_ids) AS id) THEN
          RAISE EXCEPTION 'a signing key of this change is no longer in force' USING ERRCODE = 'EC001';
        END IF;
        RETURN true;
      END
    $body$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION ecoo_signing_keys_in_force(uuid[], timestamptz)');
  }
}
