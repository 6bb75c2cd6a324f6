import { FRESH_ENVELOPE_MS, afterReplayRefusal } from './envelope-refresh';

const NOW = new Date('2026-11-27T10:00:00.000Z');

describe('a receiver refuses the envelope as outside its replay window', () => {
  it('signs an old envelope again with a fresh createdAt, keeping nothing earlier (the receiver holds no version of it)', () => {
    expect(afterReplayRefusal({ createdAt: '2026-11-20T10:00:00.000Z', sentAt: new Date('2026-11-27T09:59:59.000Z'), now: NOW })).toEqual({
      ok: true,
      refresh: { createdAt: '2026-11-27T10:00:00.000Z', earlierCreatedAt: [], note: 'signed again with a fresh createdAt' },
    });
  });

  it('takes the refusal of an envelope signed moments before it was sent as final: the clocks disagree', () => {
    const sentAt = new Date(Date.parse('2026-11-27T09:59:30.000Z') + FRESH_ENVELOPE_MS - 1);
    const answer = afterReplayRefusal({ createdAt: '2026-11-27T09:59:30.000Z', sentAt, now: NOW });
    expect(answer).toEqual({ ok: false, reason: expect.stringContaining('signed 60 s before it was sent') });
    expect(afterReplayRefusal({ createdAt: '2026-11-27T09:59:30.000Z', sentAt: new Date(sentAt.getTime() + 1), now: NOW }).ok).toBe(true);
  });
});
