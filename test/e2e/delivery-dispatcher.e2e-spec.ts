import { randomUUID } from 'node:crypto';
import { QueueService } from '../../src/core/queue/queue.service';
import { DeliveryDispatcher } from '../../src/exchange/outbox/delivery-dispatcher';
import { LOCAL_DELIVERY_QUEUE, deliveryJobId } from '../../src/exchange/outbox/delivery-queues';
import { TestHub } from '../support/hub';

// Delivery jobs are enqueued after their changes commit; those of changes committing together go to
// Redis in one addBulk (issue 14). On real Redis, with no worker to take the jobs.
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

  const local = () => ({ deliveryId: randomUUID(), generation: 0, partnerId: null });

  it('sends the jobs of dispatches made together in one addBulk, and each dispatch returns once its job is in the queue', async () => {
    const bulk = jest.spyOn(queues, 'enqueueBulk');
    try {
      const items = Array.from({ length: 20 }, local);
      await Promise.all(items.map(async (item) => {
        await dispatcher.dispatch([item]);
        expect(await queues.isLive(LOCAL_DELIVERY_QUEUE, deliveryJobId(item.deliveryId, 0))).toBe(true);
      }));
      expect(bulk).toHaveBeenCalledTimes(1);
      expect(bulk.mock.calls[0][0]).toBe(LOCAL_DELIVERY_QUEUE);
      expect(bulk.mock.calls[0][1].map((job) => job.options?.jobId).sort()).toEqual(items.map((item) => deliveryJobId(item.deliveryId, 0)).sort());

      // A dispatch alone goes out at once, on its own.
      const alone = local();
      await dispatcher.dispatch([alone]);
      expect(bulk).toHaveBeenCalledTimes(2);
      expect(await queues.isLive(LOCAL_DELIVERY_QUEUE, deliveryJobId(alone.deliveryId, 0))).toBe(true);
    } finally {
      bulk.mockRestore();
    }
  });
});
