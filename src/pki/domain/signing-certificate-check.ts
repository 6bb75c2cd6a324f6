import { createPublicKey, KeyObject } from 'node:crypto';
import { buildCertificatePath } from '../crypto/certificate-path';
import { crlProblem, findRevocation, ParsedCrl } from '../crypto/crl';
import { ParsedCertificate, validityAt, ValidityStatus } from '../crypto/x509';
import { PkiErrorCode } from '../pki.error';

// What the hub asks of a certificate before it signs with it: that it certifies the key, is valid
// now, may sign documents, is no CA, chains to a trust anchor registered for the owner, and is not
// revoked by a CRL the hub holds. Every problem is reported, with its own code, first one first.

export interface CertificateProblem {
  code: PkiErrorCode;
  message: string;
}

export interface SigningCertificateCheckInput {
  certificate: ParsedCertificate;
  // The other certificates given with it (intermediates, possibly the anchor itself).
  chain: ParsedCertificate[];
  // The key pair's public key (a private key is accepted and its public half taken).
  publicKey: KeyObject;
  anchors: ParsedCertificate[];
  crls: ParsedCrl[];
  now: Date;
  ownerLabel: string;
}

export interface SigningCertificateCheck {
  problems: CertificateProblem[];
  warnings: string[];
  // The intermediates from the signer up to (not including) the anchor: what a CMS carries.
  pathDer: Buffer[];
  anchor?: ParsedCertificate;
}

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

export function spkiDer(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ type: 'spki', format: 'der' });
}

export function checkSigningCertificate(input: SigningCertificateCheckInput): SigningCertificateCheck {
  const { certificate: cert } = input;
  const problems: CertificateProblem[] = [];
  if (!spkiDer(cert.publicKey).equals(spkiDer(input.publicKey))) {
    problems.push({ code: PkiErrorCode.CERTIFICATE_KEY_MISMATCH, message: `the certificate "${cert.subject.text}" certifies another public key than this signing key's` });
  }
  const checked = checkEndEntityCertificate({ ...input, anchorRequired: true });
  return { ...checked, problems: [...problems, ...checked.problems] };
}

export interface EndEntityCheckInput {
  certificate: ParsedCertificate;
  chain: ParsedCertificate[];
  anchors: ParsedCertificate[];
  crls: ParsedCrl[];
  now: Date;
  ownerLabel: string;
  /** Without anchors, is the certificate untrusted (an authority's) or taken as registered (a partner node's, when no node anchor is registered)? */
  anchorRequired: boolean;
}

/**
 * What a certificate that signs (documents, envelopes) must be: valid now, with keyUsage
 * digitalSignature (a certificate without the extension is refused), not a CA, chained to one of the
 * anchors, and not revoked by a CRL the hub holds. Every problem is reported, first one first.
 */
export function checkEndEntityCertificate(input: EndEntityCheckInput): SigningCertificateCheck {
  const { certificate: cert, now } = input;
  const problems: CertificateProblem[] = [];
  const warnings: string[] = [];
  const name = `the certificate "${cert.subject.text}"`;
  const window = `${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}`;
  switch (validityAt(cert, now)) {
    case ValidityStatus.EXPIRED:
      problems.push({ code: PkiErrorCode.CERTIFICATE_EXPIRED, message: `${name} has expired (valid ${window})` });
      break;
    case ValidityStatus.NOT_YET_VALID:
      problems.push({ code: PkiErrorCode.CERTIFICATE_NOT_YET_VALID, message: `${name} is not valid yet (valid ${window})` });
      break;
    case ValidityStatus.VALID:
      break;
  }
  if (!cert.keyUsage?.digitalSignature) {
    const detail = cert.keyUsage ? 'its keyUsage lacks digitalSignature' : 'it has no keyUsage extension';
    problems.push({ code: PkiErrorCode.CERTIFICATE_KEY_USAGE, message: `${name} may not sign: ${detail}` });
  }
  if (cert.basicConstraints?.cA) {
    problems.push({ code: PkiErrorCode.CERTIFICATE_IS_CA, message: `${name} is a CA certificate; sign with an end-entity certificate` });
  }
  const eku = cert.extendedKeyUsageOids;
  if (eku && !eku.includes(EMAIL_PROTECTION) && !eku.includes(ANY_EXTENDED_KEY_USAGE)) {
    warnings.push(`${name} has an extended key usage without emailProtection: \`openssl cms -verify\` will need \`-purpose any\``);
  }

  let pathDer: Buffer[] = [];
  let anchor: ParsedCertificate | undefined;
  if (input.anchors.length === 0) {
    if (input.anchorRequired) {
      problems.push({
        code: PkiErrorCode.CERTIFICATE_UNTRUSTED,
        message: `no trust anchor is registered for ${input.ownerLabel}: register the CA certificate first (POST /v1/pki/trust-anchors)`,
      });
    } else {
      // No anchor to chain to: the certificate itself, as the operator registered it, is what is
      // trusted. A CRL the hub holds from its issuer (each was checked against a known CA on upload)
      // still revokes it.
      const entry = input.crls.filter((crl) => crl.issuer.matchKey === cert.issuer.matchKey).map((crl) => findRevocation(crl, cert.serialNumberHex)).find((e) => e !== undefined);
      if (entry) problems.push({ code: PkiErrorCode.CERTIFICATE_REVOKED, message: `${name} was revoked on ${entry.revocationDate.toISOString()} per the CRL of "${cert.issuer.text}"` });
    }
  } else {
    const path = buildCertificatePath({ leaf: cert, intermediates: input.chain, anchors: input.anchors, at: now });
    if (!path.ok) {
      problems.push({ code: PkiErrorCode.CERTIFICATE_UNTRUSTED, message: `${name} does not chain to a trust anchor of ${input.ownerLabel}: ${path.problem}` });
    } else {
      anchor = path.anchor;
      pathDer = path.path.slice(1, -1).map((c) => c.der);
      const revoked = revocationProblem(path.path, input.crls, now);
      if (revoked) problems.push(revoked);
    }
  }
  return { problems, warnings, pathDer, anchor };
}

function revocationProblem(path: ParsedCertificate[], crls: ParsedCrl[], now: Date): CertificateProblem | undefined {
  for (let index = 0; index + 1 < path.length; index++) {
    const [cert, issuer] = [path[index], path[index + 1]];
    for (const crl of crls) {
      if (crl.issuer.matchKey !== issuer.subject.matchKey || crlProblem(crl, issuer, now)) continue;
      const entry = findRevocation(crl, cert.serialNumberHex);
      if (entry) {
        const what = index === 0 ? 'the certificate' : `the CA "${cert.subject.text}" above it`;
        return {
          code: PkiErrorCode.CERTIFICATE_REVOKED,
          message: `${what} was revoked on ${entry.revocationDate.toISOString()} per the CRL of "${issuer.subject.text}"`,
        };
      }
    }
  }
  return undefined;
}
