import { RetryLaterError, retryLaterDelay } from './retry-later.error';

describe('the retry-later backoff', () => {
  it('waits what the handler asked for', () => {
    expect(retryLaterDelay(1, new RetryLaterError('Retry-After: 7', 7000))).toBe(7000);
    expect(retryLaterDelay(30, new RetryLaterError('now', -5))).toBe(0);
  });

  it('backs off exponentially up to a minute for any other error', () => {
    expect([1, 2, 3, 7, 50].map((n) => retryLaterDelay(n, new Error('database down')))).toEqual([1000, 2000, 4000, 60000, 60000]);
  });
});
