import { MigrationInterface, QueryRunner } from "typeorm";

// The audit log stops serialising the hub. Until now a BEFORE INSERT trigger numbered and chained
// each entry under one advisory lock held to commit, so every writing transaction of every process
// waited for the one before it. From here a writer inserts content only (the entry waits unchained)
// and one sequencer in a worker chains the entries in batches, each batch closed by a checkpoint
// signed with the node key (src/audit/checkpoints).
//
// Existing entries are kept as they are: their seq, prev_hash and hash do not move, and the hash
// material is the same, so one function verifies old and new entries; the sequencer's first
// checkpoint covers them. Nothing here rewrites the table (new columns are NULL for old rows, the
// primary key moves to the existing unique index on id), so the lock it takes is short.
//
// Rolling upgrade: a hub of the previous release inserts exactly what this release inserts (content
// columns only), so its inserts go through the new trigger and simply wait for the sequencer.
//
// `down` chains whatever still waits, in arrival order, and puts back the previous trigger.

// The sequencer's session advisory lock (src/audit/checkpoints/audit-sequencer.ts): the triggers let
// only the session holding it chain entries and write checkpoints. "AUDS".
const SEQUENCER_LOCK = 1096107091;

export class AuditSequencer1796470000000 implements MigrationInterface {
    name = 'AuditSequencer1796470000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Transactions that are inserting the old way finish (and are chained by the old trigger) first.
        await queryRunner.query(`LOCK TABLE "audit_log" IN ACCESS EXCLUSIVE MODE`);
        await queryRunner.query(`CREATE SEQUENCE "audit_log_arrival" AS bigint`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "arrival_no" bigint`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "appended_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_log_seq" ON "audit_log"  ("seq") `);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "pk_audit_log"`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "pk_audit_log" PRIMARY KEY USING INDEX "uq_audit_log_id"`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "seq" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_audit_log_unchained" ON "audit_log"  ("arrival_no") WHERE seq IS NULL`);
        await queryRunner.query(`CREATE TABLE "audit_checkpoint_signers" ("key_id" character(64) NOT NULL, "certificate_pem" text NOT NULL, CONSTRAINT "pk_audit_checkpoint_signers" PRIMARY KEY ("key_id"))`);
        await queryRunner.query(`CREATE TABLE "audit_checkpoints" ("seq" bigint NOT NULL, "head" character(64) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "algorithm" character varying(32) NOT NULL, "signature" text NOT NULL, "key_id" character(64) NOT NULL, CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "fk_audit_checkpoints_signer" FOREIGN KEY ("key_id") REFERENCES "audit_checkpoint_signers"("key_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        // The hash of an entry: byte for byte the material of the previous trigger and of
        // src/audit/domain/audit-chain.ts (each field as <UTF-8 length>:<value>, joined by "|").
        await queryRunner.query(`CREATE FUNCTION audit_entry_hash(p_prev_hash text, p_seq bigint, p_id uuid, p_occurred_at timestamptz, p_actor text, p_action text, p_entity_type text, p_entity_id text, p_payload text)
            RETURNS text LANGUAGE sql STABLE AS $$
            SELECT encode(sha256(convert_to(
                audit_field(p_prev_hash) || '|' || audit_field(p_seq::text) || '|' || audit_field(p_id::text) || '|' ||
                audit_field(to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) || '|' ||
                audit_field(p_actor) || '|' || audit_field(p_action) || '|' || audit_field(p_entity_type) || '|' ||
                audit_field(p_entity_id) || '|' || audit_field(p_payload), 'UTF8')), 'hex') $$`);

        // Appending: content only. The arrival number and time are the database's, the chain fields
        // stay empty whatever the writer sent; no lock is taken beyond the new row's own.
        await queryRunner.query(`DROP TRIGGER audit_log_chain ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_chain()`);
        await queryRunner.query(`CREATE FUNCTION audit_log_arrive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.arrival_no := nextval('audit_log_arrival');
                NEW.appended_at := clock_timestamp();
                NEW.seq := NULL;
                NEW.prev_hash := NULL;
                NEW.hash := NULL;
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_arrive BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_arrive()`);

        // Who may write chain fields and checkpoints: only the session holding the sequencer lock.
        await queryRunner.query(`CREATE FUNCTION audit_sequencer_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                                  AND classid = 0 AND objid = ${SEQUENCER_LOCK} AND objsubid = 1) THEN
                    RAISE EXCEPTION '% is append-only: % refused (only the audit sequencer, holding its lock, chains entries and writes checkpoints)', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_sequencer_only BEFORE UPDATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_sequencer_only()`);
        // What an UPDATE may do, once per entry: give it its place (NULL to value) with the hash its
        // content and place give; the content never changes.
        await queryRunner.query(`CREATE FUNCTION audit_log_chain_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
                   AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
                   AND (NEW.id, NEW.arrival_no, NEW.appended_at, NEW.occurred_at, NEW.actor, NEW.action, NEW.entity_type, NEW.entity_id, NEW.payload)
                       IS NOT DISTINCT FROM (OLD.id, OLD.arrival_no, OLD.appended_at, OLD.occurred_at, OLD.actor, OLD.action, OLD.entity_type, OLD.entity_id, OLD.payload)
                   AND NEW.hash = audit_entry_hash(NEW.prev_hash, NEW.seq, NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.entity_type, NEW.entity_id, NEW.payload) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'audit_log is append-only: an entry''s content never changes, and its place in the chain is set once, with the hash of its content'
                    USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_chain_once BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain_once()`);
        // Checked at commit, when the whole batch is in place: each chained entry follows the one
        // before it, so a faulty sequencer cannot commit a broken chain.
        await queryRunner.query(`CREATE FUNCTION audit_log_linked() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.seq = 1 AND NEW.prev_hash = repeat('0', 64) THEN RETURN NULL; END IF;
                IF EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq - 1 AND hash = NEW.prev_hash) THEN RETURN NULL; END IF;
                RAISE EXCEPTION 'audit_log entry % does not follow entry %', NEW.seq, NEW.seq - 1 USING ERRCODE = 'integrity_constraint_violation';
            END $$`);
        await queryRunner.query(`CREATE CONSTRAINT TRIGGER audit_log_linked AFTER UPDATE ON "audit_log" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_linked()`);
        await queryRunner.query(`DROP TRIGGER audit_log_no_update ON "audit_log"`);
        await queryRunner.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);

        // Checkpoints and their signers: inserted by the sequencer only, never changed.
        await queryRunner.query(`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        for (const table of ['audit_checkpoints', 'audit_checkpoint_signers']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_sequencer_only BEFORE INSERT ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_sequencer_only()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`LOCK TABLE "audit_log" IN ACCESS EXCLUSIVE MODE`);
        await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
        await queryRunner.query(`DROP TABLE "audit_checkpoint_signers"`);
        await queryRunner.query(`DROP FUNCTION audit_append_only()`);
        await queryRunner.query(`DROP TRIGGER audit_log_no_delete ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER audit_log_linked ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_linked()`);
        await queryRunner.query(`DROP TRIGGER audit_log_chain_once ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_chain_once()`);
        await queryRunner.query(`DROP TRIGGER audit_log_sequencer_only ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_sequencer_only()`);
        await queryRunner.query(`DROP TRIGGER audit_log_arrive ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_arrive()`);

        // The previous schema numbers every entry: those still waiting are chained here, in arrival
        // order, exactly as the sequencer would have.
        await queryRunner.query(`DO $$
            DECLARE
                waiting record;
                last_seq bigint;
                last_hash text;
            BEGIN
                SELECT seq, hash INTO last_seq, last_hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
                last_seq := COALESCE(last_seq, 0);
                last_hash := COALESCE(last_hash, repeat('0', 64));
                FOR waiting IN SELECT id FROM audit_log WHERE seq IS NULL ORDER BY arrival_no, id LOOP
                    last_seq := last_seq + 1;
                    UPDATE audit_log
                       SET seq = last_seq, prev_hash = last_hash,
                           hash = audit_entry_hash(last_hash, last_seq, id, occurred_at, actor, action, entity_type, entity_id, payload)
                     WHERE id = waiting.id
                     RETURNING hash INTO last_hash;
                END LOOP;
            END $$`);
        await queryRunner.query(`DROP FUNCTION audit_entry_hash(text, bigint, uuid, timestamptz, text, text, text, text, text)`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_log_unchained"`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP CONSTRAINT "pk_audit_log"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_log_id" ON "audit_log"  ("id") `);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "pk_audit_log" PRIMARY KEY USING INDEX "uq_audit_log_seq"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "appended_at"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "arrival_no"`);
        await queryRunner.query(`DROP SEQUENCE "audit_log_arrival"`);

        // The previous trigger, as the Foundation migration made it.
        await queryRunner.query(`CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                last_seq bigint;
                last_hash text;
            BEGIN
                PERFORM pg_advisory_xact_lock(1162039119);
                SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
                NEW.seq := COALESCE(last_seq, 0) + 1;
                NEW.prev_hash := COALESCE(last_hash, repeat('0', 64));
                NEW.hash := encode(sha256(convert_to(
                    audit_field(NEW.prev_hash) || '|' || audit_field(NEW.seq::text) || '|' || audit_field(NEW.id::text) || '|' ||
                    audit_field(to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) || '|' ||
                    audit_field(NEW.actor) || '|' || audit_field(NEW.action) || '|' || audit_field(NEW.entity_type) || '|' ||
                    audit_field(NEW.entity_id) || '|' || audit_field(NEW.payload), 'UTF8')), 'hex');
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
        await queryRunner.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    }

}
