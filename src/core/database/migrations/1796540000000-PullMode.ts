import { MigrationInterface, QueryRunner } from "typeorm";

// Pull mode (a lease model): a partner may take its envelopes from the hub instead of being sent
// them, and the hub may pull from a partner that only offers pull. Additive: every existing partner
// stays PUSH with its endpoint; a PULL partner needs none. A pulled delivery is leased for a while
// (lease_until) and fails once it has waited longer than its partner's budget in time (max_age_ms)
// since it became pending (pending_since: its creation, or the operator's last redelivery).

export class PullMode1796540000000 implements MigrationInterface {
    name = 'PullMode1796540000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" ALTER COLUMN "endpoint_url" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "delivery_mode" character varying(8) NOT NULL DEFAULT 'PUSH'`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "max_age_ms" integer NOT NULL DEFAULT 172800000`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "pull_from_url" character varying(2000)`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "pull_every_ms" integer NOT NULL DEFAULT 5000`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "pull_failures" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "pull_retry_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "pending_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "pending_since"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "lease_until"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "pull_retry_at"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "pull_failures"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "pull_every_ms"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "pull_from_url"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "max_age_ms"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "delivery_mode"`);
        // A PULL partner has no endpoint; it cannot be sent to by a release without pull mode anyway.
        await queryRunner.query(`UPDATE "partners" SET "endpoint_url" = '' WHERE "endpoint_url" IS NULL`);
        await queryRunner.query(`ALTER TABLE "partners" ALTER COLUMN "endpoint_url" SET NOT NULL`);
    }

}
