import { MigrationInterface, QueryRunner } from "typeorm";

export class Receipt1795777485885 implements MigrationInterface {
    name = 'Receipt1795777485885'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "certificate_uses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "item_number" integer NOT NULL, "quantity" numeric(24,6) NOT NULL, "unit" character varying(3) NOT NULL, "source" character varying(24) NOT NULL, "reference" character varying(64) NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_certificate_uses_quantity_positive" CHECK (quantity > 0), CONSTRAINT "pk_certificate_uses" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_certificate_uses_reference" ON "certificate_uses"  ("certificate_id", "source", "reference", "item_number") `);
        await queryRunner.query(`ALTER TABLE "authorities" ADD "served_here" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "origin" character varying(8) NOT NULL DEFAULT 'LOCAL'`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "received_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "received_from" character varying(35)`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "signature_check" jsonb`);
        await queryRunner.query(`CREATE INDEX "ix_certificates_received" ON "certificates"  ("received_at", "id") WHERE origin = 'RECEIVED'`);
        await queryRunner.query(`ALTER TABLE "certificate_uses" ADD CONSTRAINT "fk_certificate_uses_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "certificate_uses" DROP CONSTRAINT "fk_certificate_uses_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."ix_certificates_received"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "signature_check"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "received_from"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "received_at"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "origin"`);
        await queryRunner.query(`ALTER TABLE "authorities" DROP COLUMN "served_here"`);
        await queryRunner.query(`DROP INDEX "public"."uq_certificate_uses_reference"`);
        await queryRunner.query(`DROP TABLE "certificate_uses"`);
    }

}
