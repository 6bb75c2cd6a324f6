import { parseCertificate, pemBlocks } from '../../pki/crypto/x509';

export interface NodeCertificateFacts {
  pem: string;
  fingerprintSha256: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export type NodeCertificateRead = { ok: true; facts: NodeCertificateFacts } | { ok: false; reason: string };

const MAX_PEM_LENGTH = 20000;

/**
 * A partner's node certificate as the operator pastes it: exactly one PEM certificate with an RSA
 * key (the envelope signature is RSA-SHA256). Stored re-encoded, so stray text never reaches the
 * database.
 */
export function readNodeCertificate(value: unknown): NodeCertificateRead {
  if (typeof value !== 'string' || value.length === 0) return { ok: false, reason: 'must be a PEM certificate' };
  if (value.length > MAX_PEM_LENGTH) return { ok: false, reason: `must be at most ${MAX_PEM_LENGTH} characters` };
  let blocks;
  try {
    blocks = pemBlocks(value);
  } catch {
    return { ok: false, reason: 'is not valid PEM' };
  }
  if (blocks.length !== 1 || blocks[0].label !== 'CERTIFICATE') return { ok: false, reason: 'must hold exactly one "CERTIFICATE" PEM block' };
  try {
    const certificate = parseCertificate(blocks[0].der);
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'must carry an RSA public key' };
    return {
      ok: true,
      facts: {
        pem: certificate.native.toString(),
        fingerprintSha256: certificate.fingerprintSha256,
        subject: certificate.subject.text,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
      },
    };
  } catch {
    return { ok: false, reason: 'is not a readable X.509 certificate' };
  }
}
