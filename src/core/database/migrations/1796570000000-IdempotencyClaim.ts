import { MigrationInterface, QueryRunner } from 'typeorm';

// Claiming an Idempotency-Key in the transaction of the change it answers for, in one round trip:
// the transaction-scoped advisory lock on the caller and key, then the stored record. A plain
// SELECT of both would read the record on the snapshot taken before the lock was granted, and miss
// an answer committed by the request that held the lock until then; a VOLATILE function's second
// query takes a fresh snapshot (READ COMMITTED), after the lock. Zero rows: locked, nothing stored.

export class IdempotencyClaim1796570000000 implements MigrationInterface {
  name = 'IdempotencyClaim1796570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ecoo_idempotency_claim(lock_key bigint, claim_caller text, claim_key text, abandoned_after interval)
      RETURNS TABLE (locked boolean, stored_hash text, stored_status integer, stored_body jsonb, stored_abandoned boolean)
      LANGUAGE plpgsql VOLATILE AS $body$
      BEGIN
        IF NOT pg_try_advisory_xact_lock(lock_key) THEN
          RETURN QUERY SELECT false, NULL::text, NULL::integer, NULL::jsonb, false;
          RETURN;
        END IF;
        RETURN QUERY SELECT true, k.request_hash::text, k.response_status, k.response_body, k.created_at < now() - abandoned_after
          FROM idempotency_keys k WHERE k.caller = claim_caller AND k.key = claim_key;
      END
    $body$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ecoo_idempotency_claim(bigint, text, text, interval)`);
  }
}
