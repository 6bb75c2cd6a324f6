import { cambodiaToJapan } from '../fixtures/certificates';
import { eventually } from '../support/exchange';
import { TestHub } from '../support/hub';
import { statementsSentBy } from '../support/sql-statements';
import { DeliveryAttemptsStore, LOCAL_POLICY } from '../../src/exchange/delivery/delivery-attempts.store';
import { LOCAL_LEASE_MS, LocalDeliveryRelay } from '../../src/exchange/delivery/local-delivery.relay';
import { ReconcileDeliveriesUseCase } from '../../src/exchange/delivery/reconcile-deliveries.use-case';
import { LOCAL_DELIVERY_QUEUE, deliveryJobId } from '../../src/exchange/outbox/delivery-queues';

interface LocalDelivery {
  certificateId: string;
  deliveryId: string;
}

async function issueToLocalCustoms(hub: TestHub, issuer: string): Promise<LocalDelivery> {
  const created = await hub.request('POST', '/v1/certificates', { token: issuer, body: cambodiaToJapan() });
  expect(created.status).toBe(201);
  expect((await hub.request('POST', `/v1/certificates/${created.body.id}/issue`, { token: issuer })).status).toBe(200);
  const [delivery] = await hub.dataSource.query(`SELECT id FROM deliveries WHERE certificate_id = $1 AND route = 'LOCAL'`, [created.body.id]);
  return { certificateId: created.body.id, deliveryId: delivery.id };
}

async function stateOf(hub: TestHub, deliveryId: string): Promise<{ status: string; attempts: number; outcomes: string[]; leased: boolean }> {
  const [row] = await hub.dataSource.query(
    `SELECT d.status, d.attempts, d.next_attempt_at > now() AS leased,
            COALESCE((SELECT array_agg(a.outcome ORDER BY a.number) FROM delivery_attempts a WHERE a.delivery_id = d.id), '{}') AS outcomes
       FROM deliveries d WHERE d.id = $1`,
    [deliveryId],
  );
  return { status: row.status, attempts: row.attempts, outcomes: row.outcomes, leased: row.leased === true };
}

// A delivery to a customs authority served by this same hub is claimed by the worker's local relay
// straight from PostgreSQL: no BullMQ job, a lease for an attempt whose worker dies, rows another
// claim holds skipped.
describe('local delivery relay', () => {
  describe('with the workers running', () => {
    let hub: TestHub;
    let issuer: string;

    beforeAll(async () => {
      hub = await TestHub.start({ withWorkers: true });
      issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
      await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
    });

    afterAll(async () => {
      await hub.close();
    });

    it('delivers an issued certificate to the customs served here without a job in the local queue', async () => {
      const { certificateId, deliveryId } = await issueToLocalCustoms(hub, issuer);
      expect(await eventually('the local delivery', () => stateOf(hub, deliveryId), (s) => s.status === 'DELIVERED')).toEqual({ status: 'DELIVERED', attempts: 1, outcomes: ['ACKNOWLEDGED'], leased: false });
      expect(await hub.dataSource.query('SELECT import_status FROM certificates WHERE id = $1', [certificateId])).toEqual([{ import_status: 'RECEIVED' }]);
      expect(await hub.queues.isLive(LOCAL_DELIVERY_QUEUE, deliveryJobId(deliveryId, 0))).toBe(false);
      const counts = await hub.queues.queue(LOCAL_DELIVERY_QUEUE).getJobCounts();
      expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(0);
    });
  });

  describe('rounds run by hand', () => {
    let hub: TestHub;
    let issuer: string;
    let relay: LocalDeliveryRelay;
    let store: DeliveryAttemptsStore;

    beforeAll(async () => {
      hub = await TestHub.start({ withWorkers: false });
      issuer = await hub.authority('KH-MOC', 'KH', ['ISSUER']);
      await hub.authority('JP-CUSTOMS', 'JP', ['CUSTOMS']);
      relay = hub.app.get(LocalDeliveryRelay);
      store = hub.app.get(DeliveryAttemptsStore);
    });

    afterAll(async () => {
      await hub.close();
    });

    // Deliveries left by earlier tests are settled first, so each test counts its own.
    beforeEach(async () => {
      while ((await relay.round()) > 0);
    });

    it('claims every due delivery in one round, its receipts and acknowledgements in a statement each', async () => {
      const deliveries = [await issueToLocalCustoms(hub, issuer), await issueToLocalCustoms(hub, issuer), await issueToLocalCustoms(hub, issuer)];
      let claimed = 0;
      const statements = await statementsSentBy(async () => void (claimed = await relay.round()));
      expect(claimed).toBe(3);
      expect(statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 120))).toEqual([
        expect.stringMatching(/^\/\* planned per call \*\/ WITH due AS \( SELECT d\.id, d\.generation FROM deliveries/),
        expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS \( SELECT \* FROM unnest\(\$1::text/),
        expect.stringMatching(/^\/\* planned per call \*\/ WITH v AS \( SELECT \* FROM unnest\(\$1::uuid/),
      ]);
      for (const { certificateId, deliveryId } of deliveries) {
        expect(await stateOf(hub, deliveryId)).toEqual({ status: 'DELIVERED', attempts: 1, outcomes: ['ACKNOWLEDGED'], leased: false });
        expect(await hub.count('certificate_events', `certificate_id = $1 AND type = 'RECEIVED'`, [certificateId])).toBe(1);
      }
      expect(await relay.round()).toBe(0);
    });

    it('never gives one delivery to two claims at once: rows another claim holds are skipped', async () => {
      const deliveries = await Promise.all(Array.from({ length: 6 }, () => issueToLocalCustoms(hub, issuer)));
      const now = new Date();
      const [a, b] = await Promise.all([store.claimLocal(now, 4, LOCAL_LEASE_MS), store.claimLocal(now, 4, LOCAL_LEASE_MS)]);
      const claimed = [...a.started, ...b.started].map((attempt) => attempt.deliveryId);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Whatever either took is leased, so a third claim now finds only what neither took.
      const c = await store.claimLocal(new Date(), 10, LOCAL_LEASE_MS);
      expect([...claimed, ...c.started.map((attempt) => attempt.deliveryId)].sort()).toEqual(deliveries.map((d) => d.deliveryId).sort());
      for (const { deliveryId } of deliveries) expect(await stateOf(hub, deliveryId)).toMatchObject({ status: 'PENDING', attempts: 1, outcomes: ['IN_FLIGHT'], leased: true });
      // Their worker "died": nothing more is claimed until the leases end; then each is tried again.
      expect(await relay.round()).toBe(0);
      await hub.dataSource.query(`UPDATE deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [deliveries.map((d) => d.deliveryId)]);
      expect(await relay.round()).toBe(6);
      for (const { deliveryId } of deliveries) expect(await stateOf(hub, deliveryId)).toEqual({ status: 'DELIVERED', attempts: 2, outcomes: ['IN_FLIGHT', 'ACKNOWLEDGED'], leased: false });
    });

    it('leases a claimed attempt for three local timeouts', async () => {
      const { deliveryId } = await issueToLocalCustoms(hub, issuer);
      const now = new Date();
      const { started } = await store.claimLocal(now, 10, LOCAL_LEASE_MS);
      expect(started.map((attempt) => attempt.deliveryId)).toEqual([deliveryId]);
      const [row] = await hub.dataSource.query(`SELECT next_attempt_at FROM deliveries WHERE id = $1`, [deliveryId]);
      expect(new Date(row.next_attempt_at).getTime() - now.getTime()).toBe(3 * LOCAL_POLICY.timeoutMs);
      await hub.dataSource.query(`UPDATE deliveries SET next_attempt_at = NULL WHERE id = $1`, [deliveryId]);
    });

    it('gives up a delivery whose budget is spent, without counting another attempt', async () => {
      const { deliveryId } = await issueToLocalCustoms(hub, issuer);
      await hub.dataSource.query(`UPDATE deliveries SET attempts = $2 WHERE id = $1`, [deliveryId, LOCAL_POLICY.maxAttempts]);
      expect(await relay.round()).toBe(1);
      expect(await stateOf(hub, deliveryId)).toMatchObject({ status: 'FAILED', attempts: LOCAL_POLICY.maxAttempts, outcomes: [] });
      expect(await relay.round()).toBe(0);
    });

    it('delivers what an operator redelivers after it failed, as a new generation', async () => {
      const { deliveryId } = await issueToLocalCustoms(hub, issuer);
      await hub.dataSource.query(`UPDATE deliveries SET attempts = $2 WHERE id = $1`, [deliveryId, LOCAL_POLICY.maxAttempts]);
      expect(await relay.round()).toBe(1);
      expect(await stateOf(hub, deliveryId)).toMatchObject({ status: 'FAILED' });
      const res = await hub.operator('POST', `/v1/deliveries/${deliveryId}/redeliver`);
      expect(res.body).toEqual({ redelivered: 1, deliveryIds: [deliveryId] });
      expect(await relay.round()).toBe(1);
      expect(await hub.dataSource.query(`SELECT status, generation, attempts FROM deliveries WHERE id = $1`, [deliveryId])).toEqual([{ status: 'DELIVERED', generation: 1, attempts: 1 }]);
    });

    it('leaves a delivery whose retry is not yet due, and claims it once it is', async () => {
      const { deliveryId } = await issueToLocalCustoms(hub, issuer);
      await hub.dataSource.query(`UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`, [deliveryId]);
      expect(await relay.round()).toBe(0);
      await hub.dataSource.query(`UPDATE deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [deliveryId]);
      expect(await relay.round()).toBe(1);
      expect(await stateOf(hub, deliveryId)).toEqual({ status: 'DELIVERED', attempts: 1, outcomes: ['ACKNOWLEDGED'], leased: false });
    });

    it('is not the reconciler\'s: a local delivery still PENDING gets no job from it', async () => {
      const { deliveryId } = await issueToLocalCustoms(hub, issuer);
      expect(await hub.app.get(ReconcileDeliveriesUseCase).execute()).toBe(0);
      expect(await hub.queues.isLive(LOCAL_DELIVERY_QUEUE, deliveryJobId(deliveryId, 0))).toBe(false);
      expect(await relay.round()).toBe(1);
    });
  });
});
