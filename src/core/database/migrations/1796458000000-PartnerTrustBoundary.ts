import { MigrationInterface, QueryRunner } from "typeorm";

// The partner trust boundary: a partner can be deactivated (its state is read by the statements
// that receive from it and send to it), and trust anchors gain a third owner, the partner nodes,
// whose node certificates must chain to one of them once any is registered.

export class PartnerTrustBoundary1796458000000 implements MigrationInterface {
    name = 'PartnerTrustBoundary1796458000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" ADD "active" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`ALTER TABLE "trust_anchors" DROP CONSTRAINT "ck_trust_anchors_owner"`);
        await queryRunner.query(`ALTER TABLE "trust_anchors" ADD CONSTRAINT "ck_trust_anchors_owner" CHECK ((owner_type = 'AUTHORITY') = (authority_id IS NOT NULL))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_trust_anchors_partner_nodes_fingerprint" ON "trust_anchors" ("fingerprint_sha256") WHERE owner_type = 'PARTNER_NODES'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "trust_anchors" WHERE owner_type = 'PARTNER_NODES'`);
        await queryRunner.query(`DROP INDEX "public"."uq_trust_anchors_partner_nodes_fingerprint"`);
        await queryRunner.query(`ALTER TABLE "trust_anchors" DROP CONSTRAINT "ck_trust_anchors_owner"`);
        await queryRunner.query(`ALTER TABLE "trust_anchors" ADD CONSTRAINT "ck_trust_anchors_owner" CHECK ((owner_type = 'NODE') = (authority_id IS NULL))`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "active"`);
    }

}
