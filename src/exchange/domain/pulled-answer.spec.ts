import { readPulledAnswer } from './pulled-answer';

const ID = '5f0c2d1e-8a7b-4c3d-9e2f-1a0b9c8d7e6f';
const NOW = new Date('2026-12-05T12:00:00.000Z');

describe('an answer to a pulled envelope', () => {
  it('reads an acknowledgement as a pushed delivery would have received it', () => {
    const read = readPulledAnswer({ acknowledgement: { status: 'DELIVERED_WITH_WARNINGS', envelopeId: ID, warnings: [{ ruleId: 'R1', message: 'look' }] } }, ID, NOW);
    expect(read).toEqual({ ok: true, classification: { kind: 'ACKNOWLEDGED', httpStatus: 200, acknowledgement: { status: 'DELIVERED_WITH_WARNINGS', envelopeId: ID, warnings: [{ ruleId: 'R1', path: undefined, message: 'look' }] } } });
  });

  it('refuses an acknowledgement of another envelope or without a status', () => {
    expect(readPulledAnswer({ acknowledgement: { status: 'DELIVERED', envelopeId: 'other' } }, ID, NOW)).toMatchObject({ ok: false, reason: 'the acknowledgement names another envelope' });
    expect(readPulledAnswer({ acknowledgement: { warnings: [] } }, ID, NOW)).toMatchObject({ ok: false });
  });

  it('reads a refusal with its code as a final 4xx, 422 when no status is given', () => {
    expect(readPulledAnswer({ refusal: { code: 'ENVELOPE_SIGNATURE_INVALID' } }, ID, NOW)).toEqual({
      ok: true,
      classification: { kind: 'REFUSED', error: 'HTTP 422 ENVELOPE_SIGNATURE_INVALID', httpStatus: 422 },
    });
  });

  it('reads a refusal that signing again answers, and a retryable one, as a push would', () => {
    expect(readPulledAnswer({ refusal: { code: 'ENVELOPE_OUTSIDE_REPLAY_WINDOW', status: 422 } }, ID, NOW)).toMatchObject({ ok: true, classification: { kind: 'OUTSIDE_REPLAY_WINDOW' } });
    expect(readPulledAnswer({ refusal: { code: 'BUSY', status: 503 } }, ID, NOW)).toMatchObject({ ok: true, classification: { kind: 'RETRY', error: 'HTTP 503 BUSY' } });
  });
});
