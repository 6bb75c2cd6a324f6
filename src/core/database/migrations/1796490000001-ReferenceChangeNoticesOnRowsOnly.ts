import { MigrationInterface, QueryRunner } from 'typeorm';

// A change notice only when rows did change: an INSERT ... ON CONFLICT DO NOTHING that inserted
// nothing (an issuer already known, on every certificate received) sends none. A notifying commit
// takes PostgreSQL's notification queue lock, so needless notices would serialise such commits.
// The statement triggers of ReferenceChangeNotices become one per event, each looking at its
// transition table; TRUNCATE keeps its own.

const TOPICS: [table: string, topic: string][] = [
  ['agreement_profiles', 'agreement-profiles'],
  ['trust_anchors', 'trust-anchors'],
  ['crls', 'crls'],
  ['authorities', 'authorities'],
  ['partners', 'partners'],
  ['signing_keys', 'signing-keys'],
];

export class ReferenceChangeNoticesOnRowsOnly1796490000001 implements MigrationInterface {
  name = 'ReferenceChangeNoticesOnRowsOnly1796490000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ecoo_reference_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed_rows) THEN
          PERFORM pg_notify('ecoo_reference_changed', TG_ARGV[0] || chr(10));
        END IF;
        RETURN NULL;
      END
    $body$`);
    for (const [table, topic] of TOPICS) {
      await queryRunner.query(`DROP TRIGGER trg_${table}_changed ON ${table}`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_rows_changed('${topic}')`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_updated AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_rows_changed('${topic}')`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_rows_changed('${topic}')`);
      await queryRunner.query(`CREATE TRIGGER trg_${table}_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_changed('${topic}')`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, topic] of TOPICS) {
      for (const event of ['inserted', 'updated', 'deleted', 'truncated']) await queryRunner.query(`DROP TRIGGER trg_${table}_${event} ON ${table}`);
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ecoo_reference_changed('${topic}')`,
      );
    }
    await queryRunner.query(`DROP FUNCTION ecoo_reference_rows_changed()`);
  }
}
