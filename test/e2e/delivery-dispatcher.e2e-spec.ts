import { randomUUID } from 'node:crypto';
import { QueueService } from '../../src/core/queue/queue.service';
import { DeliveryDispatcher } from '../../src/exchange/outbox/delivery-dispatcher';
import { LOCAL_DELIVERY_QUEUE, deliveryJobId, partnerQueueName } from '../../src/exchange/outbox/delivery-queues';
import { TestHub } from '../support/hub';

// Delivery jobs are enqueued after their changes commit; those of changes committing together go to
// Redis in one addBulk (issue 14). A delivery to a recipient served by this hub gets no job: the local
// relay claims it from PostgreSQL. On real Redis, with no worker to take the jobs.
describe('DeliveryDispatcher', () => {
  let hub: TestHub;
  let dispatcher: DeliveryDispatcher;
  let queues: QueueService;

  beforeAll(async () => {
    hub = await TestHub.start({ withWorkers: false });
    dispatcher = hub.app.get(DeliveryDispatcher);
    queues = hub.app.get(QueueService);
  });

  afterAll(async () => {
    await hub.close();
  });

  const partnerId = randomUUID();
  const toPartner = () => ({ deliveryId: randomUUID(), generation: 0, partnerId });
  const local = () => ({ deliveryId: randomUUID(), generation: 0, partnerId: null });

  it('sends the jobs of dispatches made together in one addBulk, and each dispatch returns once its job is in the queue', async () => {
    const bulk = jest.spyOn(queues, 'enqueueBulk');
    try {
      const items = Array.from({ length: 20 }, toPartner);
      await Promise.all(items.map(async (item) => {
        await dispatcher.dispatch([item]);
        expect(await queues.isLive(partnerQueueName(partnerId), deliveryJobId(item.deliveryId, 0))).toBe(true);
      }));
      expect(bulk).toHaveBeenCalledTimes(1);
      expect(bulk.mock.calls[0][0]).toBe(partnerQueueName(partnerId));
      expect(bulk.mock.calls[0][1].map((job) => job.options?.jobId).sort()).toEqual(items.map((item) => deliveryJobId(item.deliveryId, 0)).sort());

      // A dispatch alone goes out at once, on its own.
      const alone = toPartner();
      await dispatcher.dispatch([alone]);
      expect(bulk).toHaveBeenCalledTimes(2);
      expect(await queues.isLive(partnerQueueName(partnerId), deliveryJobId(alone.deliveryId, 0))).toBe(true);
    } finally {
      bulk.mockRestore();
    }
  });

  it('enqueues no job for a delivery to a recipient served by this hub, and tells the local relay of this process', async () => {
    const bulk = jest.spyOn(queues, 'enqueueBulk');
    let told = 0;
    dispatcher.onLocalDispatched(() => void (told += 1));
    try {
      const item = local();
      const withPartner = toPartner();
      await dispatcher.dispatch([item, withPartner]);
      expect(told).toBe(1);
      expect(bulk).toHaveBeenCalledTimes(1);
      expect(bulk.mock.calls[0][1].map((job) => job.options?.jobId)).toEqual([deliveryJobId(withPartner.deliveryId, 0)]);
      expect(await queues.isLive(LOCAL_DELIVERY_QUEUE, deliveryJobId(item.deliveryId, 0))).toBe(false);
      // Only local deliveries: nothing goes to Redis at all.
      await dispatcher.dispatch([local(), local()]);
      expect(told).toBe(2);
      expect(bulk).toHaveBeenCalledTimes(1);
    } finally {
      bulk.mockRestore();
    }
  });
});
