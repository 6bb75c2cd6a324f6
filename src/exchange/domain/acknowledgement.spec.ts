import { parseAcknowledgement } from './acknowledgement';

const ENVELOPE = '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f';

describe('reading an acknowledgement', () => {
  it('keeps the status, the warnings and the receipt time, and nothing it does not know', () => {
    const parsed = parseAcknowledgement(
      {
        status: 'DELIVERED_WITH_WARNINGS',
        envelopeId: ENVELOPE,
        receivedAt: '2026-11-27T10:00:01Z',
        warnings: [{ ruleId: 'CO-HS-001', path: 'items[0].hsCode', message: 'unknown subheading', extra: 1 }, 'plain text', { noMessage: true }],
        internal: { secret: 'x' },
      },
      ENVELOPE,
    );
    expect(parsed).toEqual({
      ok: true,
      acknowledgement: {
        status: 'DELIVERED_WITH_WARNINGS',
        envelopeId: ENVELOPE,
        receivedAt: '2026-11-27T10:00:01Z',
        warnings: [{ ruleId: 'CO-HS-001', path: 'items[0].hsCode', message: 'unknown subheading' }, { message: 'plain text' }],
      },
    });
  });

  it('accepts an acknowledgement that does not repeat the envelope id', () => {
    expect(parseAcknowledgement({ status: 'DELIVERED' }, ENVELOPE)).toEqual({ ok: true, acknowledgement: { status: 'DELIVERED', envelopeId: ENVELOPE, warnings: [] } });
  });

  it('refuses anything that is not an acknowledgement', () => {
    expect(parseAcknowledgement(null, ENVELOPE)).toMatchObject({ ok: false });
    expect(parseAcknowledgement([], ENVELOPE)).toMatchObject({ ok: false });
    expect(parseAcknowledgement({ status: 'OK' }, ENVELOPE)).toMatchObject({ ok: false });
  });
});
