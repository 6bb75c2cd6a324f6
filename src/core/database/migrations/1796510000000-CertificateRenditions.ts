import { MigrationInterface, QueryRunner } from "typeorm";

// Renditions of issued certificates in the formats partners read (UBL 2.4 XML, edi3 JSON): made from
// the signed record, signed once, kept. Additive: existing certificates get theirs when first asked.

export class CertificateRenditions1796510000000 implements MigrationInterface {
    name = 'CertificateRenditions1796510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "certificate_renditions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "certificate_id" uuid NOT NULL, "format" character varying(8) NOT NULL, "media_type" character varying(64) NOT NULL, "document" bytea NOT NULL, "signature" bytea NOT NULL, "record_hash" character(64) NOT NULL, "signing_key_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_certificate_renditions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_certificate_renditions_format" ON "certificate_renditions" ("certificate_id", "format") `);
        await queryRunner.query(`ALTER TABLE "certificate_renditions" ADD CONSTRAINT "fk_certificate_renditions_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "certificate_renditions" DROP CONSTRAINT "fk_certificate_renditions_certificate"`);
        await queryRunner.query(`DROP INDEX "public"."uq_certificate_renditions_format"`);
        await queryRunner.query(`DROP TABLE "certificate_renditions"`);
    }

}
