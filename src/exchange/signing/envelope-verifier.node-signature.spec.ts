import type { EntityManager } from 'typeorm';
import { createDevCa, createDevSigningKey } from '../../pki/crypto/dev-pki';
import { fingerprintSha256 } from '../../pki/crypto/x509';
import { SoftwareKeyHandle } from '../../pki/keys/key-handle';
import { buildEnvelope } from '../domain/envelope';
import { MessageType } from '../domain/message-type';
import { EnvelopeSigner } from './envelope-signer';
import { EnvelopeVerifier } from './envelope-verifier';
import { NodeKeySigner } from './node-key-signer';
import { NodeKeySource, NodeSigningKey } from './node-key-source';
import { testKeyPair } from '../../../test/support/key-pool';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const ca = createDevCa({ commonName: 'Test node CA', validDays: 30, validFrom: NOW, keyPair: testKeyPair() });

function nodeKey(cn: string): NodeSigningKey {
  const key = createDevSigningKey({ ca, subject: { CN: cn }, validFrom: NOW, validTo: new Date(NOW.getTime() + 86_400_000), keyPair: testKeyPair() });
  return { key: new SoftwareKeyHandle(key.privateKey), certificatePem: key.certPem, keyId: fingerprintSha256(key.certDer) };
}

class FixedKey extends NodeKeySource {
  constructor(private readonly key: NodeSigningKey) {
    super();
  }
  async current(): Promise<NodeSigningKey> {
    return this.key;
  }
}

const ours = nodeKey('KH hub node');
const theirs = nodeKey('JP hub node');
const unsigned = buildEnvelope({
  envelopeId: '5b0f7f3e-2a4b-4c1d-9e8f-0a1b2c3d4e5f',
  type: MessageType.CO_ISSUED,
  from: 'KH-MOC',
  to: 'JP-CUSTOMS',
  createdAt: NOW,
  refersTo: { certificate: { issuingAuthority: 'KH-MOC', certificateNumber: 'KH-1', copyNumber: 0 }, documentHash: 'ab'.repeat(32) },
  payload: { document: { certificateNumber: 'KH-1' } },
}) as ReturnType<typeof buildEnvelope> & { to: string };
const manager = {} as EntityManager;
const verifier = new EnvelopeVerifier();

describe('node signature of an envelope', () => {
  it('verifies against the node certificate the receiver registered for the sender', async () => {
    const envelope = await new EnvelopeSigner(new NodeKeySigner(new FixedKey(ours))).sign(manager, unsigned);
    expect(envelope.signature).toMatchObject({ algorithm: 'RSA-SHA256', keyId: ours.keyId });
    expect(verifier.verify(JSON.parse(JSON.stringify(envelope)), ours.certificatePem)).toEqual({ valid: true });
  });

  it('fails when anything was changed, re-addressed included', async () => {
    const envelope = await new EnvelopeSigner(new NodeKeySigner(new FixedKey(ours))).sign(manager, unsigned);
    expect(verifier.verify({ ...envelope, to: 'TH-CUSTOMS' }, ours.certificatePem)).toMatchObject({ valid: false, problem: 'SIGNATURE_INVALID' });
    expect(verifier.verify({ ...envelope, payload: { document: { certificateNumber: 'KH-2' } } }, ours.certificatePem)).toMatchObject({ valid: false, problem: 'SIGNATURE_INVALID' });
  });

  it('fails when another node signed it, or nobody did', async () => {
    const envelope = await new EnvelopeSigner(new NodeKeySigner(new FixedKey(theirs))).sign(manager, unsigned);
    expect(verifier.verify(envelope, ours.certificatePem)).toMatchObject({ valid: false, problem: 'UNKNOWN_KEY' });
    expect(verifier.verify({ ...envelope, signature: { ...envelope.signature, keyId: ours.keyId } }, ours.certificatePem)).toMatchObject({ valid: false, problem: 'SIGNATURE_INVALID' });
    expect(verifier.verify(unsigned, ours.certificatePem)).toMatchObject({ valid: false, problem: 'SIGNATURE_MISSING' });
    expect(verifier.verify({ ...envelope, signature: { algorithm: 'ES256', keyId: ours.keyId, value: 'AA==' } }, ours.certificatePem)).toMatchObject({ problem: 'UNSUPPORTED_ALGORITHM' });
    expect(verifier.verify({ ...envelope, signature: 'x' }, ours.certificatePem)).toMatchObject({ problem: 'SIGNATURE_MALFORMED' });
  });
});
