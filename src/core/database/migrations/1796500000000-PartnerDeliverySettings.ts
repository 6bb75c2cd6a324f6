import { MigrationInterface, QueryRunner } from "typeorm";

// Transmission at scale: how many calls a partner takes at once and over how many connections, the
// rate it states it can take, and an index that tells a worker process which partners have deliveries
// due without reading the backlog itself. Additive: every existing partner takes the defaults.

export class PartnerDeliverySettings1796500000000 implements MigrationInterface {
    name = 'PartnerDeliverySettings1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" ADD "delivery_concurrency" integer NOT NULL DEFAULT 64`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "pool_connections" integer NOT NULL DEFAULT 64`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "rate_limit_per_second" integer`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_pending_partner" ON "deliveries" ("partner_id", "next_attempt_at") WHERE status = 'PENDING'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_pending_partner"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "rate_limit_per_second"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "pool_connections"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "delivery_concurrency"`);
    }

}
