import { isSuccess, nextStep, retryDelayMs, shouldDisable } from './delivery-policy';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('the order a subscription sends in', () => {
  it('sends the first pending delivery, whatever order they are listed in', () => {
    expect(nextStep([{ id: 'b', position: 5, nextAttemptAt: null }, { id: 'a', position: 3, nextAttemptAt: null }], NOW)).toEqual({ kind: 'SEND', deliveryId: 'a' });
  });

  it('holds later deliveries behind a first one that waits for its retry, even when they are due', () => {
    expect(nextStep([{ id: 'a', position: 3, nextAttemptAt: at(2000) }, { id: 'b', position: 4, nextAttemptAt: null }], NOW)).toEqual({ kind: 'WAIT', delayMs: 2000 });
  });

  it('sends a first delivery whose retry is due, and is idle with nothing pending', () => {
    expect(nextStep([{ id: 'a', position: 3, nextAttemptAt: at(-1) }], NOW)).toEqual({ kind: 'SEND', deliveryId: 'a' });
    expect(nextStep([], NOW)).toEqual({ kind: 'IDLE' });
  });
});

describe('retries and disabling', () => {
  it('doubles the wait from the base up to the ceiling', () => {
    expect([1, 2, 3, 4, 10, 60].map((n) => retryDelayMs(n, 5000, 60_000))).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('disables a receiver failing for the whole period, not one failing for less or not failing', () => {
    const day = 24 * 3600 * 1000;
    expect(shouldDisable(new Date(NOW.getTime() - day), NOW, day)).toBe(true);
    expect(shouldDisable(new Date(NOW.getTime() - day + 1), NOW, day)).toBe(false);
    expect(shouldDisable(null, NOW, day)).toBe(false);
  });

  it('counts any 2xx as received, and nothing else', () => {
    expect([200, 202, 204, 299].every(isSuccess)).toBe(true);
    expect([199, 301, 400, 410, 500].some(isSuccess)).toBe(false);
  });
});
