import { MigrationInterface, QueryRunner } from "typeorm";

// The operator pages' sessions: a browser holds a random session id (the hub keeps its hash), never
// the operator token; and sign-in attempts counted per client address, across API processes.

export class OperatorSessions1796463275913 implements MigrationInterface {
    name = 'OperatorSessions1796463275913'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "operator_sessions" ("id_hash" character(64) NOT NULL, "operator_digest" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_operator_sessions" PRIMARY KEY ("id_hash"))`);
        await queryRunner.query(`CREATE INDEX "ix_operator_sessions_expires_at" ON "operator_sessions"  ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "operator_sign_in_attempts" ("client_key" character(64) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "pk_operator_sign_in_attempts" PRIMARY KEY ("client_key"))`);
        await queryRunner.query(`CREATE INDEX "ix_operator_sign_in_attempts_window" ON "operator_sign_in_attempts"  ("window_start") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_operator_sign_in_attempts_window"`);
        await queryRunner.query(`DROP TABLE "operator_sign_in_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."ix_operator_sessions_expires_at"`);
        await queryRunner.query(`DROP TABLE "operator_sessions"`);
    }

}
