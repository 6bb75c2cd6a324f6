import { buildEnvelope, envelopeSigningInput } from './envelope';
import { MessageType } from './message-type';

const input = {
  envelopeId: '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f',
  type: MessageType.CO_ISSUED,
  from: 'KH-MOC',
  to: 'JP-CUSTOMS',
  createdAt: new Date('2026-11-27T10:00:00.000Z'),
  refersTo: { certificate: { issuingAuthority: 'KH-MOC', certificateNumber: 'KH-1', copyNumber: 0 }, documentHash: 'ab'.repeat(32) },
  payload: { document: { b: 1, a: 'ü' } },
};

describe('envelope', () => {
  it('carries the spec version, the addressing and the reference', () => {
    expect(buildEnvelope(input)).toEqual({
      specVersion: '1.0',
      envelopeId: input.envelopeId,
      type: 'CO_ISSUED',
      from: 'KH-MOC',
      to: 'JP-CUSTOMS',
      createdAt: '2026-11-27T10:00:00.000Z',
      refersTo: input.refersTo,
      payload: input.payload,
    });
  });

  it('signs the RFC 8785 form of everything but the signature, whatever the key order', () => {
    const envelope = buildEnvelope(input);
    const bytes = envelopeSigningInput(envelope);
    expect(bytes.toString('utf8')).toBe(
      '{"createdAt":"2026-11-27T10:00:00.000Z","envelopeId":"5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f","from":"KH-MOC",' +
        '"payload":{"document":{"a":"ü","b":1}},"refersTo":{"certificate":{"certificateNumber":"KH-1","copyNumber":0,"issuingAuthority":"KH-MOC"},' +
        `"documentHash":"${'ab'.repeat(32)}"},"specVersion":"1.0","to":"JP-CUSTOMS","type":"CO_ISSUED"}`,
    );
    const signed = { ...envelope, to: 'JP-CUSTOMS', signature: { algorithm: 'RSA-SHA256' as const, keyId: 'k', value: 'v' } };
    expect(envelopeSigningInput(signed).equals(bytes)).toBe(true);
    expect(envelopeSigningInput({ ...envelope, to: 'TH-CUSTOMS' }).equals(bytes)).toBe(false);
  });
});
