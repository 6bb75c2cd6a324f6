import { MigrationInterface, QueryRunner } from "typeorm";

// Signing and trust (issue 3): signing keys of authorities and of the hub node (private keys encrypted
// at rest), trust anchors, CRLs, and the detached CMS signature stored with each issued certificate.

export class Signing1795771385900 implements MigrationInterface {
    name = 'Signing1795771385900'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "signing_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_type" character varying(16) NOT NULL, "authority_id" uuid, "authority_code" character varying(35), "status" character varying(24) NOT NULL, "source" character varying(16) NOT NULL, "label" character varying(100), "key_algorithm" character varying(16) NOT NULL, "key_bits" integer NOT NULL, "public_key_spki" bytea NOT NULL, "encrypted_private_key" bytea NOT NULL, "private_key_iv" bytea NOT NULL, "private_key_salt" bytea NOT NULL, "private_key_tag" bytea NOT NULL, "private_key_kdf" character varying(32) NOT NULL, "private_key_version" integer NOT NULL, "csr_pem" text, "certificate_der" bytea, "chain_der" bytea, "fingerprint_sha256" character(64), "subject" text, "issuer" text, "serial_number" character varying(64), "not_before" TIMESTAMP WITH TIME ZONE, "not_after" TIMESTAMP WITH TIME ZONE, "activated_at" TIMESTAMP WITH TIME ZONE, "retired_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_signing_keys_owner" CHECK ((owner_type = 'NODE') = (authority_id IS NULL)), CONSTRAINT "pk_signing_keys" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_signing_keys_fingerprint" ON "signing_keys"  ("fingerprint_sha256") WHERE fingerprint_sha256 IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_signing_keys_active_node" ON "signing_keys"  ("owner_type") WHERE status = 'ACTIVE' AND owner_type = 'NODE'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_signing_keys_active_authority" ON "signing_keys"  ("authority_id") WHERE status = 'ACTIVE' AND authority_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_signing_keys_authority" ON "signing_keys"  ("authority_id", "status") `);
        await queryRunner.query(`CREATE TABLE "crls" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "issuer" text NOT NULL, "issuer_key" text NOT NULL, "issuer_fingerprint_sha256" character(64) NOT NULL, "crl_number" character varying(64), "this_update" TIMESTAMP WITH TIME ZONE NOT NULL, "next_update" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_count" integer NOT NULL, "der" bytea NOT NULL, "fingerprint_sha256" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_crls" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_crls_issuer" ON "crls"  ("issuer_key", "this_update") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_crls_fingerprint" ON "crls"  ("fingerprint_sha256") `);
        await queryRunner.query(`CREATE TABLE "trust_anchors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_type" character varying(16) NOT NULL, "authority_id" uuid, "authority_code" character varying(35), "label" character varying(100), "certificate_der" bytea NOT NULL, "fingerprint_sha256" character(64) NOT NULL, "subject" text NOT NULL, "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "not_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_trust_anchors_owner" CHECK ((owner_type = 'NODE') = (authority_id IS NULL)), CONSTRAINT "pk_trust_anchors" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_trust_anchors_node_fingerprint" ON "trust_anchors"  ("fingerprint_sha256") WHERE owner_type = 'NODE'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_trust_anchors_authority_fingerprint" ON "trust_anchors"  ("authority_id", "fingerprint_sha256") WHERE authority_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "signature_cms" bytea`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD "signing_key_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_certificates_signing_key" ON "certificates"  ("signing_key_id") WHERE signing_key_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "signing_keys" ADD CONSTRAINT "fk_signing_keys_authority" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "fk_certificates_signing_key" FOREIGN KEY ("signing_key_id") REFERENCES "signing_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "trust_anchors" ADD CONSTRAINT "fk_trust_anchors_authority" FOREIGN KEY ("authority_id") REFERENCES "authorities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "trust_anchors" DROP CONSTRAINT "fk_trust_anchors_authority"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP CONSTRAINT "fk_certificates_signing_key"`);
        await queryRunner.query(`ALTER TABLE "signing_keys" DROP CONSTRAINT "fk_signing_keys_authority"`);
        await queryRunner.query(`DROP INDEX "public"."ix_certificates_signing_key"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "signing_key_id"`);
        await queryRunner.query(`ALTER TABLE "certificates" DROP COLUMN "signature_cms"`);
        await queryRunner.query(`DROP INDEX "public"."uq_trust_anchors_authority_fingerprint"`);
        await queryRunner.query(`DROP INDEX "public"."uq_trust_anchors_node_fingerprint"`);
        await queryRunner.query(`DROP TABLE "trust_anchors"`);
        await queryRunner.query(`DROP INDEX "public"."uq_crls_fingerprint"`);
        await queryRunner.query(`DROP INDEX "public"."ix_crls_issuer"`);
        await queryRunner.query(`DROP TABLE "crls"`);
        await queryRunner.query(`DROP INDEX "public"."ix_signing_keys_authority"`);
        await queryRunner.query(`DROP INDEX "public"."uq_signing_keys_active_authority"`);
        await queryRunner.query(`DROP INDEX "public"."uq_signing_keys_active_node"`);
        await queryRunner.query(`DROP INDEX "public"."uq_signing_keys_fingerprint"`);
        await queryRunner.query(`DROP TABLE "signing_keys"`);
    }

}
