import { MigrationInterface, QueryRunner } from 'typeorm';

// Reference data is cached in each process (issue 14). Every change to it, through the hub, a CLI or
// an operator's SQL, sends a notice on the channel the processes listen on, in the changing
// transaction, so PostgreSQL delivers it exactly when the change commits. The payload is
// "topic\nkey"; an empty key drops the topic's whole cache. A new API key needs no notice (a miss is
// never cached); a changed or removed one names its prefix.

const STATEMENT_TOPICS: [table: string, topic: string][] = [
  ['agreement_profiles', 'agreement-profiles'],
  ['trust_anchors', 'trust-anchors'],
  ['crls', 'crls'],
  ['authorities', 'authorities'],
  ['partners', 'partners'],
  ['signing_keys', 'signing-keys'],
];

export class ReferenceChangeNotices1796490000000 implements MigrationInterface {
  name = 'ReferenceChangeNotices1796490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ecoo_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM pg_notify('ecoo_reference_changed', TG_ARGV[0] || chr(10));
        RETURN NULL;
      END
    $body$`);
    for (const [table, topic] of STATEMENT_TOPICS) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_changed('${topic}')`,
      );
    }
    await queryRunner.query(`CREATE FUNCTION ecoo_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM pg_notify('ecoo_reference_changed', 'api-key' || chr(10) || OLD.prefix);
        RETURN NULL;
      END
    $body$`);
    await queryRunner.query(`CREATE TRIGGER trg_api_keys_changed AFTER UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION ecoo_api_key_changed()`);
    await queryRunner.query(`CREATE FUNCTION ecoo_api_keys_truncated() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        PERFORM pg_notify('ecoo_reference_changed', 'api-key' || chr(10));
        RETURN NULL;
      END
    $body$`);
    await queryRunner.query(`CREATE TRIGGER trg_api_keys_truncated AFTER TRUNCATE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION ecoo_api_keys_truncated()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_api_keys_truncated ON api_keys`);
    await queryRunner.query(`DROP FUNCTION ecoo_api_keys_truncated()`);
    await queryRunner.query(`DROP TRIGGER trg_api_keys_changed ON api_keys`);
    await queryRunner.query(`DROP FUNCTION ecoo_api_key_changed()`);
    for (const [table] of STATEMENT_TOPICS) await queryRunner.query(`DROP TRIGGER trg_${table}_changed ON ${table}`);
    await queryRunner.query(`DROP FUNCTION ecoo_reference_changed()`);
  }
}
