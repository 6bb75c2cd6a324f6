import { isSameMessage } from './envelope-repeat';

const held = {
  specVersion: '1.0',
  envelopeId: '0b7c1a4e-6d0e-4f38-9a55-2f3e1c9d7a10',
  type: 'CO_ISSUED',
  from: 'KH-MOC',
  to: 'JP-CUSTOMS',
  createdAt: '2026-12-01T10:00:00.000Z',
  refersTo: { certificate: { issuingAuthority: 'KH-MOC', certificateNumber: 'KH-1', copyNumber: 0 }, documentHash: 'ab'.repeat(32) },
  payload: { document: { certificateNumber: 'KH-1' } },
  signature: { alg: 'RS256', keyId: 'k1', value: 'AAAA' },
};

describe('a repeat of a held envelope', () => {
  it('is the same message when signed again with a fresh createdAt, whatever the order of its keys', () => {
    const { specVersion, ...rest } = held;
    const resigned = { ...rest, specVersion, createdAt: '2026-12-05T10:00:00.000Z', signature: { alg: 'RS256', keyId: 'k2', value: 'BBBB' } };
    expect(isSameMessage(held, resigned)).toBe(true);
  });

  it('is another message when anything else differs', () => {
    expect(isSameMessage(held, { ...held, to: 'JP-OTHER' })).toBe(false);
    expect(isSameMessage(held, { ...held, payload: { document: { certificateNumber: 'KH-2' } } })).toBe(false);
  });
});
