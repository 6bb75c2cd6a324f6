import { classifyTransportResult } from './retry-policy';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const ENVELOPE = '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f';

describe('classifying a destination the outbound policy refused', () => {
  it('is final, naming the refusal, since sending again would go to the same forbidden place', () => {
    const result = classifyTransportResult(
      { kind: 'DESTINATION_REFUSED', codes: ['DESTINATION_LOOPBACK'], reason: 'host partner.example resolved to 127.0.0.1, a loopback address' },
      ENVELOPE,
      NOW,
    );
    expect(result).toEqual({ kind: 'REFUSED', error: 'destination refused (DESTINATION_LOOPBACK): host partner.example resolved to 127.0.0.1, a loopback address' });
  });
});
