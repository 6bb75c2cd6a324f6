import { MigrationInterface, QueryRunner } from "typeorm";

// Verifiable credentials of certificates: each issuing authority's Bitstring Status Lists (revocation,
// message), each with its bitstring and the list credential as last signed, and the certificates'
// randomly drawn places in them. Additive: lists are made when an authority's first credential is.

export class CredentialStatusLists1796550000000 implements MigrationInterface {
    name = 'CredentialStatusLists1796550000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "credential_status_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "authority_id" uuid NOT NULL, "authority_code" character varying(35) NOT NULL, "purpose" character varying(16) NOT NULL, "status_size" smallint NOT NULL, "entries" integer NOT NULL, "bits" bytea NOT NULL, "credential" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_credential_status_lists" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_status_lists_purpose" ON "credential_status_lists"  ("authority_id", "purpose") `);
        await queryRunner.query(`CREATE TABLE "credential_status_entries" ("list_id" uuid NOT NULL, "status_index" integer NOT NULL, "certificate_id" uuid NOT NULL, CONSTRAINT "pk_credential_status_entries" PRIMARY KEY ("list_id", "status_index"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_status_entries_certificate" ON "credential_status_entries"  ("certificate_id", "list_id") `);
        await queryRunner.query(`ALTER TABLE "credential_status_entries" ADD CONSTRAINT "fk_credential_status_entries_list" FOREIGN KEY ("list_id") REFERENCES "credential_status_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "credential_status_entries" ADD CONSTRAINT "fk_credential_status_entries_certificate" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "credential_status_entries" DROP CONSTRAINT "fk_credential_status_entries_certificate"`);
        await queryRunner.query(`ALTER TABLE "credential_status_entries" DROP CONSTRAINT "fk_credential_status_entries_list"`);
        await queryRunner.query(`DROP INDEX "public"."uq_credential_status_entries_certificate"`);
        await queryRunner.query(`DROP TABLE "credential_status_entries"`);
        await queryRunner.query(`DROP INDEX "public"."uq_credential_status_lists_purpose"`);
        await queryRunner.query(`DROP TABLE "credential_status_lists"`);
    }

}
