import { classifyTransportResult } from './retry-policy';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const response = (status: number, code: string) => classifyTransportResult({ kind: 'RESPONSE', status, body: { code } }, '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f', NOW);

describe('classifying the refusals that signing the envelope again can answer', () => {
  it('reads the problem code of a 422 outside the replay window and of a 409 for a reused id', () => {
    expect(response(422, 'ENVELOPE_OUTSIDE_REPLAY_WINDOW')).toEqual({ kind: 'OUTSIDE_REPLAY_WINDOW', error: 'HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW', httpStatus: 422 });
    expect(response(409, 'ENVELOPE_ID_REUSED')).toEqual({ kind: 'ENVELOPE_ID_REUSED', error: 'HTTP 409 ENVELOPE_ID_REUSED', httpStatus: 409 });
  });

  it('keeps the same codes under another status, and other codes, final', () => {
    expect(response(400, 'ENVELOPE_OUTSIDE_REPLAY_WINDOW')).toMatchObject({ kind: 'REFUSED' });
    expect(response(422, 'ENVELOPE_ID_REUSED')).toMatchObject({ kind: 'REFUSED' });
    expect(response(409, 'PARTNER_EXISTS')).toMatchObject({ kind: 'REFUSED', error: 'HTTP 409 PARTNER_EXISTS' });
  });
});
