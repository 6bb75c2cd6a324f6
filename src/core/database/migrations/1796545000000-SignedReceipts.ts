import { MigrationInterface, QueryRunner } from "typeorm";

// Signed receipts are a capability of a partner's registration (DESIGN.md section 6). A partner
// registered before them is UNSIGNED, so that no live exchange stops at the upgrade; a new
// registration is SIGNED unless it says otherwise. Every node certificate a partner was registered
// with is kept, so that its receipts still verify after a rotation.

export class SignedReceipts1796545000000 implements MigrationInterface {
    name = 'SignedReceipts1796545000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" ADD "receipts" character varying(8) NOT NULL DEFAULT 'UNSIGNED'`);
        await queryRunner.query(`ALTER TABLE "partners" ALTER COLUMN "receipts" SET DEFAULT 'SIGNED'`);
        await queryRunner.query(`CREATE TABLE "partner_node_certificates" ("partner_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "pem" text NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_partner_node_certificates" PRIMARY KEY ("partner_id", "sha256"))`);
        await queryRunner.query(`ALTER TABLE "partner_node_certificates" ADD CONSTRAINT "fk_partner_node_certificates_partner" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`INSERT INTO "partner_node_certificates" ("partner_id", "sha256", "pem", "registered_at") SELECT "id", "node_certificate_sha256", "node_certificate_pem", "created_at" FROM "partners"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partner_node_certificates" DROP CONSTRAINT "fk_partner_node_certificates_partner"`);
        await queryRunner.query(`DROP TABLE "partner_node_certificates"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "receipts"`);
    }

}
