import { MAX_RETRY_AFTER_MS, backoffDelayMs, parseRetryAfter, retryDelayMs } from './retry-policy';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const schedule = { baseDelayMs: 1000, maxDelayMs: 60000 };
const lowest = () => 0;
const highest = () => 0.999999;

describe('backoff with jitter', () => {
  it('doubles with every attempt, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, schedule, lowest))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, schedule, highest))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('stops growing at the maximum delay, however many attempts', () => {
    expect(backoffDelayMs(10, schedule, highest)).toBe(60000);
    expect(backoffDelayMs(500, schedule, lowest)).toBe(30000);
  });

  it('never waits less than the partner asked for with Retry-After', () => {
    expect(retryDelayMs(1, schedule, lowest, 5000)).toBe(5000);
    expect(retryDelayMs(4, schedule, lowest, 1000)).toBe(4000);
    expect(retryDelayMs(1, schedule, lowest)).toBe(500);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120000);
  });

  it('reads an HTTP-date relative to now, a past date meaning now', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', NOW)).toBe(30000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('caps what a partner may ask for at a day', () => {
    expect(parseRetryAfter('9999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores anything else', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', 'tomorrow 10:00']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
