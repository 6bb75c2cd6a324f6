import { MigrationInterface, QueryRunner } from "typeorm";

// A partner's registration names the formats it reads besides the record (UBL, edi3): a capability
// (DESIGN.md section 6). Additive: existing partners read none and get the envelopes they got before.

export class PartnerRenditions1796510000001 implements MigrationInterface {
    name = 'PartnerRenditions1796510000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" ADD "renditions" character varying(8) array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "renditions"`);
    }

}
