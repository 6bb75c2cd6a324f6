import { readQueueConfig } from './queue.config';

describe('the queue configuration', () => {
  it('claims a job for 30 s unless told otherwise', () => {
    expect(readQueueConfig({})).toEqual({ lockMs: 30_000 });
    expect(readQueueConfig({ HUB_QUEUE_LOCK_MS: '2000' })).toEqual({ lockMs: 2000 });
  });

  it('refuses a lock too short for a worker to renew, or not a number', () => {
    expect(() => readQueueConfig({ HUB_QUEUE_LOCK_MS: '999' })).toThrow(/HUB_QUEUE_LOCK_MS/);
    expect(() => readQueueConfig({ HUB_QUEUE_LOCK_MS: '2s' })).toThrow(/HUB_QUEUE_LOCK_MS/);
  });
});
