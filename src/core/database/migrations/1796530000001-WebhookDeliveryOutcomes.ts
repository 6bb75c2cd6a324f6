import { MigrationInterface, QueryRunner } from "typeorm";

// Webhooks hear how a certificate's messages fared: a trigger on the outbox of deliveries copies each
// move to delivered or failed into the webhooks' outbox, in the transaction that records it, while a
// subscription is active (as the triggers on the histories do, migration Webhooks).

export class WebhookDeliveryOutcomes1796530000001 implements MigrationInterface {
    name = 'WebhookDeliveryOutcomes1796530000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION webhook_outbox_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_subscriptions WHERE status = 'ACTIVE') THEN
    INSERT INTO webhook_events (source, event_id, subject_id, type, from_status, to_status, occurred_at)
      SELECT 'delivery', n.id, n.certificate_id, n.message_type, o.status, n.status, now()
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.status IS DISTINCT FROM o.status AND n.status IN ('DELIVERED', 'DELIVERED_WITH_WARNINGS', 'DELIVERED_NOT_READABLE', 'FAILED');
    IF FOUND THEN
      PERFORM pg_notify('ecoo_reference_changed', 'webhook-events' || chr(10));
    END IF;
  END IF;
  RETURN NULL;
END $$`);
        await queryRunner.query(`CREATE TRIGGER webhook_outbox AFTER UPDATE ON "deliveries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_outbox_delivery()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER webhook_outbox ON "deliveries"`);
        await queryRunner.query(`DROP FUNCTION webhook_outbox_delivery()`);
    }

}
