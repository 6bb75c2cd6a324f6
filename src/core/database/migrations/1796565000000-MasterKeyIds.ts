import { MigrationInterface, QueryRunner } from "typeorm";

// Each sealed secret names the master key it is sealed under (an id derived from the key), so that
// during a rotation a process holding HUB_MASTER_KEY and HUB_MASTER_KEY_PREVIOUS picks the right
// one, and `npm run keys:rotate-master` finds what is still under the old one. Additive: existing
// rows keep null, open with either key held, and are named when the rotation seals them again.

export class MasterKeyIds1796565000000 implements MigrationInterface {
    name = 'MasterKeyIds1796565000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD "private_key_master_key_id" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "outbound_token_master_key_id" character varying(16)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "outbound_token_master_key_id"`);
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "private_key_master_key_id"`);
    }

}
