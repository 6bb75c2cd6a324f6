import { MigrationInterface, QueryRunner } from "typeorm";

// A signing key may live in a PKCS#11 token instead of the database: its row then holds the token's
// label and the key's CKA_ID, and no sealed key. Existing keys are DATABASE keys, as before.

export class SigningKeysInTokens1796560000000 implements MigrationInterface {
    name = 'SigningKeysInTokens1796560000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD "key_store" character varying(16) NOT NULL DEFAULT 'DATABASE'`);
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD "token_label" character varying(32)`);
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD "token_key_id" bytea`);
        for (const column of ['encrypted_private_key', 'private_key_iv', 'private_key_salt', 'private_key_tag', 'private_key_kdf', 'private_key_version']) {
            await queryRunner.query(`ALTER TABLE "signing_keys" ALTER COLUMN "${column}" DROP NOT NULL`);
        }
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD CONSTRAINT "ck_signing_keys_key_store" CHECK ((key_store = 'DATABASE' AND encrypted_private_key IS NOT NULL AND token_key_id IS NULL) OR (key_store = 'PKCS11' AND encrypted_private_key IS NULL AND token_key_id IS NOT NULL AND token_label IS NOT NULL))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // A key in a token has no sealed form to go back to: going down with one is refused, not lost.
        await queryRunner.query(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM signing_keys WHERE key_store = 'PKCS11') THEN RAISE EXCEPTION 'signing keys in a PKCS#11 token are registered: retire and delete them before going down'; END IF; END $$`);
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP CONSTRAINT "ck_signing_keys_key_store"`);
        for (const column of ['encrypted_private_key', 'private_key_iv', 'private_key_salt', 'private_key_tag', 'private_key_kdf', 'private_key_version']) {
            await queryRunner.query(`ALTER TABLE "signing_keys" ALTER COLUMN "${column}" SET NOT NULL`);
        }
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "token_key_id"`);
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "token_label"`);
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP COLUMN "key_store"`);
    }

}
