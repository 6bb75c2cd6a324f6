import { MigrationInterface, QueryRunner } from "typeorm";

// Verification: the log of verifications answered, the per-client counters of public verifications,
// and each certificate's verification token (the key of its public page). Certificates issued before
// this migration get a token here: 128 bits from SHA-256 over two random UUIDs, in base64url, with
// core PostgreSQL functions only (no pgcrypto, so the embedded trial database runs it too).

export class Verification1795910000000 implements MigrationInterface {
    name = 'Verification1795910000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "caller" character varying(100) NOT NULL, "method" character varying(16) NOT NULL, "answer_scope" character varying(8) NOT NULL, "certificate_id" uuid, "issuing_authority_code" character varying(35), "certificate_number" character varying(35), "verdict" character varying(8) NOT NULL, "reasons" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "pk_verifications" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_verifications_certificate" ON "verifications"  ("certificate_id", "verified_at") WHERE certificate_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_verifications_issuer_time" ON "verifications"  ("issuing_authority_code", "verified_at") `);
        await queryRunner.query(`CREATE TABLE "public_rate_limits" ("scope" character varying(32) NOT NULL, "client_key" character varying(64) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "pk_public_rate_limits" PRIMARY KEY ("scope", "client_key"))`);
        await queryRunner.query(`CREATE INDEX "ix_public_rate_limits_window" ON "public_rate_limits"  ("window_start") `);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "verification_token" character varying(22)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_certificates_verification_token" ON "certificates"  ("verification_token") `);
        await queryRunner.query(`UPDATE "certificates" SET "verification_token" = rtrim(translate(encode(substring(sha256(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')) from 1 for 16), 'base64'), '+/', '-_'), '=') WHERE "status" <> 'DRAFT' AND "verification_token" IS NULL`);
        await queryRunner.query(`ALTER TABLE "verifications" ADD CONSTRAINT "fk_verifications_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "verifications" DROP CONSTRAINT "fk_verifications_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."uq_certificates_verification_token"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "verification_token"`);
        await queryRunner.query(`DROP INDEX "public"."ix_public_rate_limits_window"`);
        await queryRunner.query(`DROP TABLE "public_rate_limits"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verifications_issuer_time"`);
        await queryRunner.query(`DROP INDEX "public"."ix_verifications_certificate"`);
        await queryRunner.query(`DROP TABLE "verifications"`);
    }

}
