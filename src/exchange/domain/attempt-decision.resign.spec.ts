import { decideAfterAttempt } from './attempt-decision';
import { DeliveryAction } from './delivery-lifecycle';
import { AttemptOutcome, DeliveryStatus } from './delivery-status';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const oldEnvelope = { createdAt: '2026-11-18T10:00:00.000Z', sentAt: new Date('2026-11-27T09:59:59.000Z'), earlierCreatedAt: ['2026-11-17T10:00:00.000Z'] };
const base = { maxAttempts: 3, schedule: { baseDelayMs: 1000, maxDelayMs: 60000 }, now: NOW, random: () => 0.5, envelope: oldEnvelope };
const tooOld = { kind: 'OUTSIDE_REPLAY_WINDOW' as const, error: 'HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW', httpStatus: 422 };

describe('deciding after a refusal that signing the envelope again can answer', () => {
  it('retries at once with the envelope signed again, counting the attempt', () => {
    expect(decideAfterAttempt({ ...base, attempts: 1, classification: tooOld })).toEqual({
      action: DeliveryAction.RETRY,
      status: DeliveryStatus.PENDING,
      outcome: AttemptOutcome.RETRY,
      error: 'HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW; signed again with a fresh createdAt',
      retryDelayMs: 0,
      retryAt: NOW,
      refresh: { createdAt: NOW.toISOString(), earlierCreatedAt: [], note: 'signed again with a fresh createdAt' },
    });
  });

  it('answers a 409 for a re-signed envelope with its earlier signing', () => {
    const decision = decideAfterAttempt({ ...base, attempts: 2, classification: { kind: 'ENVELOPE_ID_REUSED', error: 'HTTP 409 ENVELOPE_ID_REUSED', httpStatus: 409 } });
    expect(decision).toMatchObject({ action: DeliveryAction.RETRY, refresh: { createdAt: '2026-11-17T10:00:00.000Z', earlierCreatedAt: [] } });
  });

  it('fails the delivery when the refused attempt was the last of the budget', () => {
    expect(decideAfterAttempt({ ...base, attempts: 3, classification: tooOld })).toEqual({
      action: DeliveryAction.GIVE_UP,
      status: DeliveryStatus.FAILED,
      outcome: AttemptOutcome.REFUSED,
      error: 'HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW; the retry budget of 3 attempts is spent',
    });
  });

  it('fails at once when the refused envelope was fresh: signing again cannot help', () => {
    const fresh = { ...oldEnvelope, createdAt: '2026-11-27T09:59:58.000Z' };
    expect(decideAfterAttempt({ ...base, attempts: 1, envelope: fresh, classification: tooOld })).toEqual({
      action: DeliveryAction.REFUSE,
      status: DeliveryStatus.FAILED,
      outcome: AttemptOutcome.REFUSED,
      error: expect.stringMatching(/^HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW: refused as too old although signed 1 s before it was sent/),
    });
  });
});
