import { MigrationInterface, QueryRunner } from "typeorm";

// What anonymous callers posted to /v1/exchange/envelopes was kept in the quarantine, one row per
// post, so anyone could fill the database. Nothing anonymous is stored any more (DESIGN.md section 6):
// the rows already stored go, and every quarantined envelope now names its partner. The rows removed
// cannot come back on the way down.

export class AnonymousEnvelopesPurged1796480000000 implements MigrationInterface {
    name = 'AnonymousEnvelopesPurged1796480000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "quarantined_envelopes" WHERE "partner_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "quarantined_envelopes" ALTER COLUMN "partner_id" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "quarantined_envelopes" ALTER COLUMN "partner_id" DROP NOT NULL`);
    }

}
