import { MigrationInterface, QueryRunner } from "typeorm";

// Exporters apply, officers decide: applications with their history, the officers' comments, the
// supporting documents and each authority's settings; API keys that name their officer; and on every
// certificate which way it was made (those issued before: directly by their authority), the
// application it came from and the exporter's own signature of its declaration.

export class Applications1796520000000 implements MigrationInterface {
    name = 'Applications1796520000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "authority_code" character varying(35) NOT NULL, "exporter_trader_id" uuid NOT NULL, "exporter_party_id" character varying(64) NOT NULL, "status" character varying(24) NOT NULL, "document" jsonb NOT NULL, "declaration_signature" bytea, "declaration_signed_hash" character(64), "declaration_signed_at" TIMESTAMP WITH TIME ZONE, "submitted_with_key_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "first_submitted_at" TIMESTAMP WITH TIME ZONE, "submission_findings" jsonb NOT NULL DEFAULT '[]', "claimed_by" character varying(64), "claimed_at" TIMESTAMP WITH TIME ZONE, "last_changed_by_officer" character varying(64), "decided_by" character varying(64), "decided_at" TIMESTAMP WITH TIME ZONE, "rejection_reasons" jsonb, "certificate_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_applications" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_applications_queue" ON "applications"  ("authority_id", "status", "submitted_at") `);
        await queryRunner.query(`CREATE INDEX "ix_applications_exporter" ON "applications"  ("exporter_trader_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "application_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "path" character varying(200) NOT NULL, "text" text NOT NULL, "officer_id" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_application_comments" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_application_comments_application" ON "application_comments"  ("application_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "application_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(64) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_application_documents_size" CHECK (size > 0 AND size = octet_length(content)), CONSTRAINT "pk_application_documents" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_application_documents_application" ON "application_documents"  ("application_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "application_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "from_status" character varying(24), "to_status" character varying(24), "actor" text NOT NULL, "officer_id" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "pk_application_events" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_application_events_application" ON "application_events"  ("application_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "application_settings" ("authority_id" uuid NOT NULL, "four_eyes" boolean NOT NULL DEFAULT true, "day_counting" character varying(16) NOT NULL DEFAULT 'CALENDAR', "service_days" integer NOT NULL DEFAULT '3', "service_days_by_agreement" jsonb NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_application_settings" PRIMARY KEY ("authority_id"))`);
        await queryRunner.query(`ALTER TABLE "api_keys" ADD "officer_id" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "issued_through" character varying(40) NOT NULL DEFAULT 'AUTHORITY_DIRECTLY'`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "application_id" uuid`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "exporter_signature_cms" bytea`);
        await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "ck_api_keys_officer_of_authority" CHECK (officer_id IS NULL OR authority_id IS NOT NULL)`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_authority" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_exporter" FOREIGN KEY ("exporter_trader_id") REFERENCES "traders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_comments" ADD CONSTRAINT "fk_application_comments_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_documents" ADD CONSTRAINT "fk_application_documents_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_events" ADD CONSTRAINT "fk_application_events_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_settings" ADD CONSTRAINT "fk_application_settings_authority" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "application_settings" DROP CONSTRAINT "fk_application_settings_authority"`);
        await queryRunner.query(`ALTER TABLE "application_events" DROP CONSTRAINT "fk_application_events_application"`);
        await queryRunner.query(`ALTER TABLE "application_documents" DROP CONSTRAINT "fk_application_documents_application"`);
        await queryRunner.query(`ALTER TABLE "application_comments" DROP CONSTRAINT "fk_application_comments_application"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_exporter"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_authority"`);
        await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "ck_api_keys_officer_of_authority"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "exporter_signature_cms"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "application_id"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "issued_through"`);
        await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "officer_id"`);
        await queryRunner.query(`DROP TABLE "application_settings"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_events_application"`);
        await queryRunner.query(`DROP TABLE "application_events"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_documents_application"`);
        await queryRunner.query(`DROP TABLE "application_documents"`);
        await queryRunner.query(`DROP INDEX "public"."ix_application_comments_application"`);
        await queryRunner.query(`DROP TABLE "application_comments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_applications_exporter"`);
        await queryRunner.query(`DROP INDEX "public"."ix_applications_queue"`);
        await queryRunner.query(`DROP TABLE "applications"`);
    }

}
