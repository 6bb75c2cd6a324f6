import { MigrationInterface, QueryRunner } from "typeorm";

// Webhook secrets name the master key they are sealed under by its id, as every sealed secret does
// (core/secrets), so `npm run keys:rotate-master` re-seals them with the rest. A row sealed before
// (no id) opens with HUB_MASTER_KEY, then HUB_MASTER_KEY_PREVIOUS.
export class WebhookSecretMasterKeyIds1796580000000 implements MigrationInterface {
    name = 'WebhookSecretMasterKeyIds1796580000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD "secret_master_key_id" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD "previous_secret_master_key_id" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "secret_key_version"`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "previous_secret_key_version"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD "previous_secret_key_version" integer`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD "secret_key_version" integer NOT NULL DEFAULT 1`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ALTER COLUMN "secret_key_version" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "previous_secret_master_key_id"`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP COLUMN "secret_master_key_id"`);
    }
}
