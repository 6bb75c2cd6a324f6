import { compactVerify, decodeProtectedHeader } from 'jose';
import { CmsCheck, CmsCheckCode, CmsReasonCode, CmsVerification, ExpectedSigner } from './cms-verification';
import { judgeSigner, summarize } from './cms-verifier';
import { ParsedCrl } from './crl';
import { ParsedCertificate, parseCertificateCached } from './x509';

// A compact JWS whose header carries its signer certificate and chain (x5c, RFC 7515 section 4.1.6),
// as VC-JOSE credentials do (typ vc+jwt). The signature is checked by a JOSE library (jose), never by
// the code that made it; the signer certificate is then judged as a CMS signer is (judgeSigner): path
// to the expected anchors, validity at the issue time, key usage, CRLs. Never throws on hostile input.

export interface VerifyJwsInput {
  jws: string;
  /** The header's typ the caller expects (vc+jwt). */
  typ: string;
  trustAnchorsDer: Buffer[];
  knownAnchorsDer?: Buffer[];
  crls?: ParsedCrl[];
  issueTime: Date;
  now: Date;
  expectedSigner?: ExpectedSigner;
}

export type JwsVerification = CmsVerification & { payload?: Uint8Array };

const MAX_X5C = 8;

const failed = (code: CmsCheckCode, reason: CmsReasonCode, message: string): CmsCheck => ({ code, passed: false, message, reason });

export async function verifyCompactJws(input: VerifyJwsInput): Promise<JwsVerification> {
  const malformed = (message: string): JwsVerification => summarize([failed(CmsCheckCode.STRUCTURE, CmsReasonCode.MALFORMED_CMS, message)], undefined);
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(input.jws) as Record<string, unknown>;
  } catch {
    return malformed('not a compact JWS');
  }
  if (header.alg !== 'RS256') return malformed(`alg is ${String(header.alg).slice(0, 20)}, the hub accepts RS256`);
  if (header.typ !== input.typ) return malformed(`typ is ${String(header.typ).slice(0, 40)}, expected ${input.typ}`);
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_X5C || x5c.some((entry) => typeof entry !== 'string')) {
    return malformed(`x5c must hold the signer certificate and its chain (1 to ${MAX_X5C} base64 DER certificates)`);
  }
  let certificates: ParsedCertificate[];
  try {
    certificates = (x5c as string[]).map((entry) => parseCertificateCached(Buffer.from(entry, 'base64')));
  } catch {
    return malformed('a certificate of x5c cannot be read');
  }
  const [signer, ...intermediates] = certificates;
  const structure: CmsCheck = { code: CmsCheckCode.STRUCTURE, passed: true, message: `compact JWS, RS256, typ ${input.typ}, ${certificates.length} certificate(s) in x5c` };
  let payload: Uint8Array | undefined;
  let signature: CmsCheck;
  try {
    payload = (await compactVerify(input.jws, signer.publicKey, { algorithms: ['RS256'] })).payload;
    signature = { code: CmsCheckCode.SIGNATURE, passed: true, message: 'the JWS signature verifies under the x5c signer certificate' };
  } catch {
    signature = failed(CmsCheckCode.SIGNATURE, CmsReasonCode.BAD_SIGNATURE, 'the JWS signature does not verify under the x5c signer certificate');
  }
  const trustAnchors = input.trustAnchorsDer.map((der) => parseCertificateCached(der));
  const prints = new Set(trustAnchors.map((anchor) => anchor.fingerprintSha256));
  const otherAnchors = (input.knownAnchorsDer ?? []).map((der) => parseCertificateCached(der)).filter((anchor) => !prints.has(anchor.fingerprintSha256));
  // The anchor itself may close x5c (a verifier is told to trust it, not to take it from the header).
  const chain = intermediates.filter((certificate) => !prints.has(certificate.fingerprintSha256));
  const verdict = judgeSigner({ signer, intermediates: chain, checks: [structure, signature] }, { ...input, trustAnchors, otherAnchors });
  return payload ? { ...verdict, payload } : verdict;
}
