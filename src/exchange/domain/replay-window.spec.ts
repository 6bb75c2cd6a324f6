import { replayProblem } from './replay-window';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const window = { maxAgeMs: 7 * 86_400_000, maxSkewMs: 300_000 };
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('replay window', () => {
  it('takes an envelope from within the window, a little clock skew included', () => {
    expect(replayProblem(at(-7 * 86_400_000), NOW, window)).toBeUndefined();
    expect(replayProblem(at(300_000), NOW, window)).toBeUndefined();
  });

  it('refuses one older than the window', () => {
    expect(replayProblem(at(-7 * 86_400_000 - 1000), NOW, window)).toBe('the envelope was created 604801 s ago, beyond the replay window of 604800 s');
  });

  it('refuses one from too far in the future', () => {
    expect(replayProblem(at(301_000), NOW, window)).toBe('the envelope was created 301 s in the future');
  });
});
