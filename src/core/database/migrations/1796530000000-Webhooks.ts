import { MigrationInterface, QueryRunner } from "typeorm";

// Standard Webhooks (issue 18): subscriptions, their deliveries, and the outbox the deliveries are
// made from. The outbox is filled by triggers on the two histories, in the transaction that writes
// an entry (whichever path writes it), and only while some subscription is active, so a hub without
// subscribers pays one indexed look per statement. The trigger's NOTIFY reaches the workers as the
// transaction commits, on the channel of the change notices (core/database/change-notices).

// The histories copied to the outbox: table, source, and the column naming what an entry is about.
const OUTBOX_SOURCES = [
    ['certificate_events', 'certificate', 'certificate_id'],
    ['application_events', 'application', 'application_id'],
] as const;

export class Webhooks1796530000000 implements MigrationInterface {
    name = 'Webhooks1796530000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "api_key_id" uuid NOT NULL, "owner" character varying(100) NOT NULL, "url" text NOT NULL, "event_types" character varying(48) array NOT NULL, "filter_agreement" character varying(16), "filter_partner_country" character(2), "filter_certificate_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'ACTIVE', "secret_sealed" bytea NOT NULL, "secret_key_version" integer NOT NULL, "previous_secret_sealed" bytea, "previous_secret_key_version" integer, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "last_sequence" bigint NOT NULL DEFAULT '0', "failing_since" TIMESTAMP WITH TIME ZONE, "last_error" text, "disabled_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_subscriptions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_subscriptions_owner" ON "webhook_subscriptions"  ("owner") `);
        await queryRunner.query(`CREATE INDEX "ix_webhook_subscriptions_api_key" ON "webhook_subscriptions"  ("api_key_id") `);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "position" bigint NOT NULL, "sequence" bigint, "message_id" character varying(64) NOT NULL, "event_type" character varying(48) NOT NULL, "event_seq" bigint, "about" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" jsonb NOT NULL DEFAULT '[]', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_deliveries_sequence" ON "webhook_deliveries"  ("subscription_id", "sequence") `);
        await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_subscription" ON "webhook_deliveries"  ("subscription_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_pending" ON "webhook_deliveries"  ("subscription_id", "position") WHERE status = 'PENDING'`);
        await queryRunner.query(`CREATE TABLE "webhook_events" ("seq" BIGSERIAL NOT NULL, "source" character varying(16) NOT NULL, "event_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "from_status" character varying(24), "to_status" character varying(24), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fanned_out_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_webhook_events" PRIMARY KEY ("seq"))`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_events_pending" ON "webhook_events"  ("seq") WHERE fanned_out_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "fk_webhook_subscriptions_api_key" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "fk_webhook_deliveries_subscription" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE SEQUENCE "webhook_delivery_position" AS bigint`);
        for (const [table, source, subject] of OUTBOX_SOURCES) {
            await queryRunner.query(`CREATE FUNCTION webhook_outbox_${source}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_subscriptions WHERE status = 'ACTIVE') THEN
    INSERT INTO webhook_events (source, event_id, subject_id, type, from_status, to_status, occurred_at)
      SELECT '${source}', id, ${subject}, type, from_status, to_status, occurred_at FROM new_rows;
    PERFORM pg_notify('ecoo_reference_changed', 'webhook-events' || chr(10));
  END IF;
  RETURN NULL;
END $$`);
            await queryRunner.query(`CREATE TRIGGER webhook_outbox AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_outbox_${source}()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [table, source] of OUTBOX_SOURCES) {
            await queryRunner.query(`DROP TRIGGER webhook_outbox ON "${table}"`);
            await queryRunner.query(`DROP FUNCTION webhook_outbox_${source}()`);
        }
        await queryRunner.query(`DROP SEQUENCE "webhook_delivery_position"`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "fk_webhook_deliveries_subscription"`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "fk_webhook_subscriptions_api_key"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_events_pending"`);
        await queryRunner.query(`DROP TABLE "webhook_events"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_pending"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_subscription"`);
        await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_sequence"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_subscriptions_api_key"`);
        await queryRunner.query(`DROP INDEX "public"."ix_webhook_subscriptions_owner"`);
        await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    }

}
