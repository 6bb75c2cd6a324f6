import { X509Certificate, sign } from 'node:crypto';
import { DevSigningKey, createDevCa, createDevSigningKey } from '../../pki/crypto/dev-pki';
import {
  CHECKPOINT_ALGORITHM,
  CHECKPOINT_FORMAT,
  CheckpointProblem,
  SignedCheckpoint,
  certificateKeyId,
  checkCheckpointHead,
  checkCheckpointSignature,
  checkpointSigningInput,
  readCheckpoint,
} from './audit-checkpoint';
import { testKeyPair } from '../../../test/support/key-pool';

const HEAD = 'ab'.repeat(32);
const validFrom = new Date('2026-01-01T00:00:00Z');
const validTo = new Date('2027-01-01T00:00:00Z');
const ca = createDevCa({ commonName: 'Test node CA', validDays: 365, validFrom, keyPair: testKeyPair() });
const node = createDevSigningKey({ ca, subject: { CN: 'Test hub node' }, validFrom, validTo, keyPair: testKeyPair() });
const otherCa = createDevCa({ commonName: 'Someone else', validDays: 365, validFrom, keyPair: testKeyPair() });
const other = createDevSigningKey({ ca: otherCa, subject: { CN: 'Not the node' }, validFrom, validTo, keyPair: testKeyPair() });

function signed(key: DevSigningKey, statement = { seq: '42', head: HEAD, time: '2026-11-27T08:00:01.123Z' }): SignedCheckpoint {
  return {
    format: CHECKPOINT_FORMAT,
    ...statement,
    algorithm: CHECKPOINT_ALGORITHM,
    signature: sign('sha256', checkpointSigningInput(statement), key.privateKey).toString('base64'),
    keyId: certificateKeyId(new X509Certificate(key.certPem)),
    certificate: key.certPem,
  };
}

describe('audit checkpoints', () => {
  it('signs the RFC 8785 form of format, head, seq and time', () => {
    expect(checkpointSigningInput({ seq: '42', head: HEAD, time: '2026-11-27T08:00:01.123Z' }).toString('utf8')).toBe(
      `{"format":"${CHECKPOINT_FORMAT}","head":"${HEAD}","seq":"42","time":"2026-11-27T08:00:01.123Z"}`,
    );
  });

  it('accepts a checkpoint signed by the key its certificate names', () => {
    expect(checkCheckpointSignature(signed(node))).toBeUndefined();
  });

  it('refuses a checkpoint whose head was changed after signing', () => {
    const forged = { ...signed(node), head: 'cd'.repeat(32) };
    expect(checkCheckpointSignature(forged)).toMatchObject({ problem: CheckpointProblem.SIGNATURE_INVALID });
  });

  it('refuses a checkpoint whose sequence number was changed after signing', () => {
    const forged = { ...signed(node), seq: '41' };
    expect(checkCheckpointSignature(forged)).toMatchObject({ problem: CheckpointProblem.SIGNATURE_INVALID });
  });

  it('refuses a signature that another certificate is swapped in for', () => {
    const swapped = { ...signed(other), certificate: node.certPem, keyId: certificateKeyId(new X509Certificate(node.certPem)) };
    expect(checkCheckpointSignature(swapped)).toMatchObject({ problem: CheckpointProblem.SIGNATURE_INVALID });
  });

  it('refuses a keyId that does not name the certificate', () => {
    const renamed = { ...signed(node), keyId: 'ef'.repeat(32) };
    expect(checkCheckpointSignature(renamed)).toMatchObject({ problem: CheckpointProblem.SIGNATURE_INVALID, message: expect.stringContaining('keyId') });
  });

  it('trusts the node certificate itself, or a CA that issued it', () => {
    expect(checkCheckpointSignature(signed(node), [new X509Certificate(node.certPem)])).toBeUndefined();
    expect(checkCheckpointSignature(signed(node), [new X509Certificate(ca.certPem)])).toBeUndefined();
  });

  it('refuses a well-signed checkpoint from a signer the auditor does not trust', () => {
    expect(checkCheckpointSignature(signed(other), [new X509Certificate(node.certPem), new X509Certificate(ca.certPem)])).toMatchObject({
      problem: CheckpointProblem.SIGNER_UNTRUSTED,
    });
  });

  it('refuses a CA-issued signer outside its validity at the checkpoint time', () => {
    const late = signed(node, { seq: '42', head: HEAD, time: '2027-06-01T00:00:00.000Z' });
    expect(checkCheckpointSignature(late, [new X509Certificate(ca.certPem)])).toMatchObject({ problem: CheckpointProblem.SIGNER_UNTRUSTED });
  });

  it('says whether the chain holds the head at that sequence number', () => {
    const checkpoint = signed(node);
    expect(checkCheckpointHead(checkpoint, HEAD)).toBeUndefined();
    expect(checkCheckpointHead(checkpoint, 'cd'.repeat(32))).toMatchObject({ problem: CheckpointProblem.HEAD_MISMATCH });
    expect(checkCheckpointHead(checkpoint, null)).toMatchObject({ problem: CheckpointProblem.ENTRY_MISSING });
  });

  it('reads a checkpoint kept as JSON back exactly', () => {
    const checkpoint = signed(node);
    expect(readCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual({ checkpoint, problems: [] });
  });

  it('names every malformed field of a saved checkpoint at once', () => {
    const read = readCheckpoint({ format: 'other', seq: 42, head: 'XYZ', time: 'yesterday', algorithm: 'MD5', signature: '***', certificate: 'not a certificate' });
    expect(read.checkpoint).toBeUndefined();
    expect(read.problems).toEqual([
      `format must be "${CHECKPOINT_FORMAT}"`,
      'seq must be a whole number from 1, as a string',
      'head must be 64 lowercase hex digits',
      'time must be an ISO 8601 UTC time with milliseconds',
      `algorithm must be "${CHECKPOINT_ALGORITHM}"`,
      'signature must be base64',
      'keyId must be 64 lowercase hex digits',
      'certificate must be a PEM certificate',
    ]);
    expect(readCheckpoint([signed(node)]).problems).toEqual(['a checkpoint is a JSON object']);
  });
});
