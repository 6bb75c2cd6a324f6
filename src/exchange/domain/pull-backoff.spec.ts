import { nextPullAt } from './pull-backoff';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const schedule = { baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('pulling from a partner that keeps failing', () => {
  it('backs off exponentially, within the longest backoff, never below its interval', () => {
    const at = (failures: number) => nextPullAt(failures, 500, schedule, NOW, () => 0.5).getTime() - NOW.getTime();
    expect([at(1), at(2), at(3)]).toEqual([750, 1500, 3000]);
    expect(at(20)).toBe(45_000);
    expect(nextPullAt(1, 5000, schedule, NOW, () => 0).getTime() - NOW.getTime()).toBe(5000);
  });
});
