import { MigrationInterface, QueryRunner } from "typeorm";

// Deliveries keep the earlier createdAt values of an envelope signed again with a fresh one, so a
// receiver that holds an earlier signing (its answer lost) can be sent that one again.

export class DeliveryEarlierCreatedAt1795920000000 implements MigrationInterface {
    name = 'DeliveryEarlierCreatedAt1795920000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "earlier_created_at" jsonb NOT NULL DEFAULT '[]'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "earlier_created_at"`);
    }

}
