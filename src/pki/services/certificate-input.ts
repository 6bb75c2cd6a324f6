import { ParsedCertificate, parseCertificate, pemBlocks } from '../crypto/x509';
import { asInputProblem, PkiError, PkiErrorCode } from '../pki.error';
import { CertificateToActivate } from './key-activation.service';

/** Every CERTIFICATE block of PEM text, parsed; refusals are problem codes, never a 500. */
export function readPemCertificates(text: string | undefined): ParsedCertificate[] {
  if (!text) return [];
  return asInputProblem(() =>
    pemBlocks(text)
      .filter((block) => block.label === 'CERTIFICATE')
      .map((block) => parseCertificate(block.der)),
  );
}

/** The signing certificate (the first block) and the chain (the rest, and chainPem). */
export function readSigningCertificate(certificatePem: string, chainPem?: string): CertificateToActivate {
  const [certificate, ...rest] = readPemCertificates(certificatePem);
  if (!certificate) throw new PkiError(PkiErrorCode.NO_CERTIFICATE, 'certificatePem holds no CERTIFICATE PEM block');
  return { certificate, chain: [...rest, ...readPemCertificates(chainPem)] };
}
