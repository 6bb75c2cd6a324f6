import { MigrationInterface, QueryRunner } from "typeorm";

export class Cases1795930000000 implements MigrationInterface {
    name = 'Cases1795930000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "verification_cases" ("id" uuid NOT NULL, "certificate_id" uuid NOT NULL, "requesting_authority" character varying(35) NOT NULL, "issuing_authority" character varying(35) NOT NULL, "certificate_number" character varying(35) NOT NULL, "copy_number" integer NOT NULL, "status" character varying(16) NOT NULL, "reason" text NOT NULL, "questions" jsonb NOT NULL DEFAULT '[]', "requested_documents" jsonb NOT NULL DEFAULT '[]', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "response_days" integer, "response_window" jsonb, "import_status_before" character varying(16) NOT NULL, "result" character varying(16), "remarks" text, "responded_at" TIMESTAMP WITH TIME ZONE, "decision" character varying(16), "decision_remarks" text, "closed_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "origin" character varying(8) NOT NULL, "received_from" character varying(35), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_verification_cases" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_verification_cases_open" ON "verification_cases"  ("certificate_id") WHERE status IN ('REQUESTED', 'RESPONDED', 'OVERDUE')`);
        await queryRunner.query(`CREATE INDEX "ix_verification_cases_due" ON "verification_cases"  ("due_at") WHERE status = 'REQUESTED'`);
        await queryRunner.query(`CREATE INDEX "ix_verification_cases_issuer" ON "verification_cases"  ("issuing_authority", "status", "due_at") `);
        await queryRunner.query(`CREATE INDEX "ix_verification_cases_requester" ON "verification_cases"  ("requesting_authority", "status", "due_at") `);
        await queryRunner.query(`CREATE INDEX "ix_verification_cases_certificate" ON "verification_cases"  ("certificate_id", "requested_at") `);
        await queryRunner.query(`CREATE TABLE "verification_attachments" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(64) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" character varying(35) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_verification_attachments_size" CHECK (size > 0 AND size = octet_length(content)), CONSTRAINT "pk_verification_attachments" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_verification_attachments_case" ON "verification_attachments"  ("case_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "customs_responses" ("id" uuid NOT NULL, "certificate_id" uuid NOT NULL, "responder_authority" character varying(35) NOT NULL, "issuing_authority" character varying(35) NOT NULL, "certificate_number" character varying(35) NOT NULL, "copy_number" integer NOT NULL, "decision" character varying(16) NOT NULL, "reason" text, "uses" jsonb NOT NULL DEFAULT '[]', "case_id" uuid, "case_decision" character varying(16), "import_status_from" character varying(16) NOT NULL, "import_status_to" character varying(16) NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "origin" character varying(8) NOT NULL, "received_from" character varying(35), "envelope_id" uuid, "warnings" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customs_responses" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_customs_responses_issuer" ON "customs_responses"  ("issuing_authority", "responded_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_customs_responses_certificate" ON "customs_responses"  ("certificate_id", "responded_at") `);
        await queryRunner.query(`ALTER TABLE "verification_cases" ADD CONSTRAINT "fk_verification_cases_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "verification_attachments" ADD CONSTRAINT "fk_verification_attachments_case" FOREIGN KEY ("case_id") REFERENCES "verification_cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customs_responses" ADD CONSTRAINT "fk_customs_responses_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customs_responses" DROP CONSTRAINT "fk_customs_responses_certificate"`);
        await queryRunner.query(`ALTER TABLE "verification_attachments" DROP CONSTRAINT "fk_verification_attachments_case"`);
        await queryRunner.query(`ALTER TABLE "verification_cases" DROP CONSTRAINT "fk_verification_cases_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_customs_responses_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_customs_responses_issuer"`);
        await queryRunner.query(`DROP TABLE "customs_responses"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verification_attachments_case"`);
        await queryRunner.query(`DROP TABLE "verification_attachments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verification_cases_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verification_cases_requester"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verification_cases_issuer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verification_cases_due"`);
        await queryRunner.query(`DROP INDEX "public"."uq_verification_cases_open"`);
        await queryRunner.query(`DROP TABLE "verification_cases"`);
    }

}
