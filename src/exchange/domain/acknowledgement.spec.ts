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

describe('the reason code of an acknowledgement (an additive field)', () => {
  it("keeps a receiver's code, and reads an acknowledgement without one as before", () => {
    expect(parseAcknowledgement({ status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-9', code: 'CERTIFICATE_FROM_ANOTHER_PARTNER', message: 'names a copy this hub received from another partner', warnings: [] }, 'e-9')).toEqual({
      ok: true,
      acknowledgement: { status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-9', code: 'CERTIFICATE_FROM_ANOTHER_PARTNER', message: 'names a copy this hub received from another partner', warnings: [] },
    });
    expect(parseAcknowledgement({ status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-9', message: 'kept' }, 'e-9')).toEqual({ ok: true, acknowledgement: { status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-9', message: 'kept', warnings: [] } });
  });

  it('drops a code that is not a code, rather than store what a partner wrote', () => {
    const parsed = parseAcknowledgement({ status: 'DELIVERED_NOT_READABLE', envelopeId: 'e-9', code: '<script>', warnings: [] }, 'e-9');
    expect(parsed.ok && parsed.acknowledgement.code).toBeUndefined();
  });
});

describe('the receipt of an acknowledgement (an additive field)', () => {
  it('keeps the receipt as given for its check, and one that cannot be a receipt as empty, so it reads as malformed', () => {
    const read = (receipt: unknown) => {
      const parsed = parseAcknowledgement({ status: 'DELIVERED', envelopeId: 'e-9', warnings: [], receipt }, 'e-9');
      return parsed.ok ? parsed.acknowledgement.receipt : 'not parsed';
    };
    expect([read('a.b.c'), read(42), read('x'.repeat(20_000))]).toEqual(['a.b.c', '', '']);
    const without = parseAcknowledgement({ status: 'DELIVERED', envelopeId: 'e-9', warnings: [] }, 'e-9');
    expect(without.ok && 'receipt' in without.acknowledgement).toBe(false);
  });
});
