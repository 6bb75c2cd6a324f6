import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14, cryptography done once: the MAC of the hub's own check of the signature it made at issue
// (pki/signing/signature-check-macs). Certificates issued before it have none and are checked in full.
export class SignatureCheckMacs1796620000000 implements MigrationInterface {
  name = 'SignatureCheckMacs1796620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" ADD "signature_check_mac" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "signature_check_mac"`);
  }
}
