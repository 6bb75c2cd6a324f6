import { MigrationInterface, QueryRunner } from "typeorm";

// Transmission (issue 4): partners and their circuit breakers, the outbox of deliveries and the
// attempts made for each, envelopes received from partners and the quarantine of refused ones.

export class Exchange1795773865930 implements MigrationInterface {
    name = 'Exchange1795773865930'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "partners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(35) NOT NULL, "name" text NOT NULL, "endpoint_url" character varying(2000) NOT NULL, "routes" jsonb NOT NULL, "countries" character(2) array NOT NULL, "message_types" character varying(32) array NOT NULL, "outbound_auth_type" character varying(16) NOT NULL, "outbound_token_sealed" bytea, "inbound_token_prefix" character varying(16) NOT NULL, "inbound_token_hash" character(64) NOT NULL, "node_certificate_pem" text NOT NULL, "node_certificate_sha256" character(64) NOT NULL, "max_attempts" integer NOT NULL, "base_delay_ms" integer NOT NULL, "max_delay_ms" integer NOT NULL, "timeout_ms" integer NOT NULL, "breaker_failure_threshold" integer NOT NULL, "breaker_cooldown_ms" integer NOT NULL, "paused" boolean NOT NULL DEFAULT false, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_partners" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_partners_inbound_token_prefix" ON "partners"  ("inbound_token_prefix") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_partners_code" ON "partners"  ("code") `);
        await queryRunner.query(`CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "related_certificate_id" uuid, "message_type" character varying(32) NOT NULL, "envelope_id" uuid NOT NULL, "route" character varying(16) NOT NULL, "partner_id" uuid, "recipient_country" character(2) NOT NULL, "recipient_authority" character varying(35), "status" character varying(32) NOT NULL, "envelope" jsonb NOT NULL, "generation" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "acknowledgement" jsonb, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_deliveries_route_partner" CHECK ((route = 'PARTNER') = (partner_id IS NOT NULL)), CONSTRAINT "pk_deliveries" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_pending" ON "deliveries"  ("created_at", "id") WHERE status = 'PENDING'`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_partner_status" ON "deliveries"  ("partner_id", "status") `);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_related_certificate" ON "deliveries"  ("related_certificate_id") WHERE related_certificate_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_certificate" ON "deliveries"  ("certificate_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_deliveries_envelope" ON "deliveries"  ("envelope_id") `);
        await queryRunner.query(`CREATE TABLE "delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "generation" integer NOT NULL, "number" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(16) NOT NULL, "http_status" integer, "error" text, "retry_after_ms" integer, CONSTRAINT "pk_delivery_attempts" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_delivery_attempts_number" ON "delivery_attempts"  ("delivery_id", "generation", "number") `);
        await queryRunner.query(`CREATE TABLE "inbound_envelopes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "envelope_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "from_authority" character varying(35) NOT NULL, "to_authority" character varying(35) NOT NULL, "certificate_ref" character varying(120), "content_hash" character(64) NOT NULL, "envelope" jsonb NOT NULL, "status" character varying(32) NOT NULL, "acknowledgement" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_inbound_envelopes" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_inbound_envelopes_received" ON "inbound_envelopes"  ("received_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_inbound_envelopes_certificate" ON "inbound_envelopes"  ("certificate_ref") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_inbound_envelopes_partner_envelope" ON "inbound_envelopes"  ("partner_id", "envelope_id") `);
        await queryRunner.query(`CREATE TABLE "partner_circuits" ("partner_id" uuid NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'CLOSED', "consecutive_failures" integer NOT NULL DEFAULT '0', "opened_at" TIMESTAMP WITH TIME ZONE, "probe_until" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_partner_circuits" PRIMARY KEY ("partner_id"))`);
        await queryRunner.query(`CREATE TABLE "quarantined_envelopes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid, "reason" character varying(32) NOT NULL, "detail" text NOT NULL, "envelope_id" character varying(64), "body" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_quarantined_envelopes" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_quarantined_envelopes_received" ON "quarantined_envelopes"  ("received_at", "id") `);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "fk_deliveries_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "fk_deliveries_partner" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" ADD CONSTRAINT "fk_delivery_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "inbound_envelopes" ADD CONSTRAINT "fk_inbound_envelopes_partner" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "partner_circuits" ADD CONSTRAINT "fk_partner_circuits_partner" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "quarantined_envelopes" ADD CONSTRAINT "fk_quarantined_envelopes_partner" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "quarantined_envelopes" DROP CONSTRAINT "fk_quarantined_envelopes_partner"`);
        await queryRunner.query(`ALTER TABLE "partner_circuits" DROP CONSTRAINT "fk_partner_circuits_partner"`);
        await queryRunner.query(`ALTER TABLE "inbound_envelopes" DROP CONSTRAINT "fk_inbound_envelopes_partner"`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" DROP CONSTRAINT "fk_delivery_attempts_delivery"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_partner"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "fk_deliveries_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_quarantined_envelopes_received"`);
        await queryRunner.query(`DROP TABLE "quarantined_envelopes"`);
        await queryRunner.query(`DROP TABLE "partner_circuits"`);
        await queryRunner.query(`DROP INDEX "public"."uq_inbound_envelopes_partner_envelope"`);
        await queryRunner.query(`DROP INDEX "public"."ix_inbound_envelopes_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_inbound_envelopes_received"`);
        await queryRunner.query(`DROP TABLE "inbound_envelopes"`);
        await queryRunner.query(`DROP INDEX "public"."uq_delivery_attempts_number"`);
        await queryRunner.query(`DROP TABLE "delivery_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."uq_deliveries_envelope"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_related_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_partner_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_pending"`);
        await queryRunner.query(`DROP TABLE "deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."uq_partners_code"`);
        await queryRunner.query(`DROP INDEX "public"."uq_partners_inbound_token_prefix"`);
        await queryRunner.query(`DROP TABLE "partners"`);
    }

}
