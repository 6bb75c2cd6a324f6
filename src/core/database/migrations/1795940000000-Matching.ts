import { MigrationInterface, QueryRunner } from "typeorm";

// Matching: the import declarations customs send, each with its match result against the certificates
// they received. The certificates' lookups it relies on (ucr, certificate_number) are indexed already.

export class Matching1795940000000 implements MigrationInterface {
    name = 'Matching1795940000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "import_declarations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customs_authority_id" uuid NOT NULL, "customs_authority_code" character varying(35) NOT NULL, "import_country" character(2) NOT NULL, "declaration_number" character varying(35) NOT NULL, "declaration_date" date NOT NULL, "ucr" character varying(35), "certificate_number" character varying(35), "consignee_id" character varying(70) NOT NULL, "agreement" character varying(32), "declaration" jsonb NOT NULL, "certificate_id" uuid, "match_status" character varying(16) NOT NULL, "match_result" jsonb NOT NULL, "use_recorded" boolean NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_import_declarations" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_import_declarations_certificate" ON "import_declarations"  ("certificate_id") WHERE certificate_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_import_declarations_recorded" ON "import_declarations"  ("recorded_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_import_declarations_customs_recorded" ON "import_declarations"  ("customs_authority_id", "recorded_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_import_declarations_number" ON "import_declarations"  ("customs_authority_id", "declaration_number") `);
        await queryRunner.query(`ALTER TABLE "import_declarations" ADD CONSTRAINT "fk_import_declarations_customs_authority" FOREIGN KEY ("customs_authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "import_declarations" ADD CONSTRAINT "fk_import_declarations_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_declarations" DROP CONSTRAINT "fk_import_declarations_certificate"`);
        await queryRunner.query(`ALTER TABLE "import_declarations" DROP CONSTRAINT "fk_import_declarations_customs_authority"`);
        await queryRunner.query(`DROP INDEX "public"."uq_import_declarations_number"`);
        await queryRunner.query(`DROP INDEX "public"."ix_import_declarations_customs_recorded"`);
        await queryRunner.query(`DROP INDEX "public"."ix_import_declarations_recorded"`);
        await queryRunner.query(`DROP INDEX "public"."ix_import_declarations_certificate"`);
        await queryRunner.query(`DROP TABLE "import_declarations"`);
    }

}
