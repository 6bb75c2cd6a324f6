import { createHash, verify } from 'node:crypto';
import { buildCertificatePath, CertificatePathResult } from './certificate-path';
import { CmsFormatError, ParsedCmsSignature, parseCmsSignature } from './cms-parser';
import {
  CmsCheck,
  CmsCheckCode,
  CmsReasonCode,
  CmsVerification,
  ExpectedSigner,
  RevocationStatus,
  VerifyDetachedCmsInput,
  VouchedSignature,
} from './cms-verification';
import { CrlEntry, crlProblem, findRevocation, ParsedCrl } from './crl';
import {
  hasSigningKeyUsage,
  nameField,
  ParsedCertificate,
  parseCertificateCached,
  SubjectInput,
  validityAt,
  ValidityStatus,
} from './x509';
import { BoundedMap } from '../../core/memory/bounded';

// Verifies a detached CMS signature over `content` and reports every check, so that an operator sees
// all that is wrong at once. Malformed input never throws: it is MALFORMED_CMS. Trust anchors are the
// caller's configuration, and a malformed one throws a PkiCryptoError.
export function verifyDetachedCms(input: VerifyDetachedCmsInput): CmsVerification {
  const expectedAnchors = input.trustAnchorsDer.map((der) => parseCertificateCached(der));
  const expectedPrints = new Set(expectedAnchors.map((anchor) => anchor.fingerprintSha256));
  const otherAnchors = (input.knownAnchorsDer ?? [])
    .map((der) => parseCertificateCached(der))
    .filter((anchor) => !expectedPrints.has(anchor.fingerprintSha256));

  const signed = input.vouched ? vouchedSignature(input.vouched) : parsedSignature(input.content, input.cmsDer);
  if ('malformed' in signed) return summarize([failed(CmsCheckCode.STRUCTURE, CmsReasonCode.MALFORMED_CMS, signed.malformed)], undefined);
  return judgeSigner(signed, { ...input, trustAnchors: expectedAnchors, otherAnchors });
}

const STRUCTURE_PASSED = 'CMS SignedData with one signer, its certificate and signed attributes';
const digestPassed = (hash: string): CmsCheck => passed(CmsCheckCode.CONTENT_DIGEST, `the ${hash} digest of the document matches the signed messageDigest`);
const SIGNATURE_PASSED = 'the signature over the signed attributes verifies under the signer certificate';

function parsedSignature(content: Buffer, cmsDer: Buffer): SignedBy | { malformed: string } {
  const checked = checkedSignature(content, cmsDer);
  if (!checked.cms) return { malformed: checked.malformed };
  const cms = checked.cms;
  return {
    signer: cms.signerCertificate,
    intermediates: cms.certificates.filter((cert) => cert !== cms.signerCertificate),
    checks: [passed(CmsCheckCode.STRUCTURE, STRUCTURE_PASSED), checked.digest, checked.signature],
    signingTime: cms.signingTime,
  };
}

/** The same checks, passed as the hub found them when it made this signature: no parse, no digest, no RSA. */
function vouchedSignature(vouched: VouchedSignature): SignedBy {
  return {
    signer: vouched.signer,
    intermediates: vouched.intermediates,
    checks: [passed(CmsCheckCode.STRUCTURE, STRUCTURE_PASSED), digestPassed(vouched.digestHash), passed(CmsCheckCode.SIGNATURE, SIGNATURE_PASSED)],
    signingTime: vouched.signingTime,
  };
}

/** A signature already checked in its own format (CMS, JWS): its signer certificate, the certificates sent with it, and those checks. */
export interface SignedBy {
  signer: ParsedCertificate;
  intermediates: ParsedCertificate[];
  checks: CmsCheck[];
  signingTime?: Date;
}

/**
 * What every signature format shares once its own mathematics is checked: the signer's path to the
 * expected anchors (or another registered authority's), the expected signer, validity at the
 * hub-recorded issue time, key usage and the CRLs.
 */
export function judgeSigner(
  signed: SignedBy,
  input: { trustAnchors: ParsedCertificate[]; otherAnchors: ParsedCertificate[]; crls?: ParsedCrl[]; issueTime: Date; now: Date; expectedSigner?: ExpectedSigner },
): CmsVerification {
  const signer = signed.signer;
  const checks: CmsCheck[] = [...signed.checks];
  const trust = checkTrust(signer, signed.intermediates, input.trustAnchors, input.otherAnchors, input.issueTime);
  checks.push(trust.check);
  if (input.expectedSigner) checks.push(checkExpectedSigner(signer, input.expectedSigner));
  checks.push(checkValidity(signer, input.issueTime), checkKeyUsage(signer));
  const revocation = checkRevocation(trust.path, input.crls, input.issueTime, input.now);
  checks.push(...revocation.checks);
  return {
    ...summarize(checks, signer),
    signingTime: signed.signingTime,
    trustAnchorFingerprintSha256: trust.anchor?.fingerprintSha256,
    revocation: { status: revocation.status, revocationDate: revocation.revocationDate },
  };
}

export function summarize(checks: CmsCheck[], signer: ParsedCertificate | undefined): CmsVerification {
  const reasons = [...new Set(checks.flatMap((check) => (check.reason ? [check.reason] : [])))];
  return {
    valid: reasons.length === 0,
    checks,
    reasons,
    signer: signer && {
      subject: signer.subject.text,
      issuer: signer.issuer.text,
      serialNumber: signer.serialNumberHex,
      fingerprintSha256: signer.fingerprintSha256,
      notBefore: signer.notBefore,
      notAfter: signer.notAfter,
    },
    revocation: { status: RevocationStatus.NOT_CHECKED },
  };
}

const passed = (code: CmsCheckCode, message: string): CmsCheck => ({ code, passed: true, message });
const failed = (code: CmsCheckCode, reason: CmsReasonCode, message: string): CmsCheck => ({
  code,
  passed: false,
  message,
  reason,
});

/** The part of a verification that never changes for the same bytes: the CMS parsed, its digest and its RSA signature checked. */
type CheckedSignature = { cms: ParsedCmsSignature; digest: CmsCheck; signature: CmsCheck } | { cms?: undefined; malformed: string };

// Issue 14, cryptography done once: a certificate's document and signature never change after issue,
// so their parse and the signature's mathematics are kept per process, keyed by the SHA-256 of both
// (the signer is inside the CMS). Everything that can change (the chain against the current anchors,
// validity, key usage, the CRLs and the hub's own revocation records) is judged again every time.
const CHECKED_LIMIT = 4096;
const checkedSignatures = new BoundedMap<string, CheckedSignature>(CHECKED_LIMIT);

function checkedSignature(content: Buffer, cmsDer: Buffer): CheckedSignature {
  const key = `${createHash('sha256').update(content).digest('hex')}:${createHash('sha256').update(cmsDer).digest('hex')}`;
  const hit = checkedSignatures.get(key);
  if (hit) return hit;
  let checked: CheckedSignature;
  try {
    const cms = parseCmsSignature(cmsDer);
    checked = { cms, digest: checkDigest(cms, content), signature: checkSignature(cms) };
  } catch (error) {
    checked = { malformed: error instanceof CmsFormatError ? error.message : 'unreadable CMS' };
  }
  checkedSignatures.set(key, checked);
  return checked;
}

function verifiesSafely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function checkDigest(cms: ParsedCmsSignature, content: Buffer): CmsCheck {
  const digest = createHash(cms.digestHash).update(content).digest();
  if (digest.equals(cms.messageDigest)) return digestPassed(cms.digestHash);
  return failed(CmsCheckCode.CONTENT_DIGEST, CmsReasonCode.TAMPERED_DOCUMENT, 'the document differs from the one that was signed');
}

function checkSignature(cms: ParsedCmsSignature): CmsCheck {
  const hash = cms.signatureHash;
  if (!hash) {
    const message = `unsupported signature algorithm ${cms.signatureAlgorithmOid}`;
    return failed(CmsCheckCode.SIGNATURE, CmsReasonCode.BAD_SIGNATURE, message);
  }
  const key = cms.signerCertificate.publicKey;
  if (verifiesSafely(() => verify(hash, cms.signedAttributesDer, key, cms.signature))) {
    return passed(CmsCheckCode.SIGNATURE, SIGNATURE_PASSED);
  }
  return failed(CmsCheckCode.SIGNATURE, CmsReasonCode.BAD_SIGNATURE, 'the signature over the signed attributes does not verify');
}

interface TrustOutcome {
  check: CmsCheck;
  path?: ParsedCertificate[];
  anchor?: ParsedCertificate;
}

// A path to the expected authority's anchors is trusted; a path to another registered authority's
// anchors means a valid signature by the wrong authority; no path at all is an untrusted chain.
function checkTrust(
  leaf: ParsedCertificate,
  intermediates: ParsedCertificate[],
  expectedAnchors: ParsedCertificate[],
  otherAnchors: ParsedCertificate[],
  issueTime: Date,
): TrustOutcome {
  const build = (anchors: ParsedCertificate[]): CertificatePathResult =>
    buildCertificatePath({ leaf, intermediates, anchors, at: issueTime });
  const expected = build(expectedAnchors);
  if (expected.ok) {
    const message = `chains to the trust anchor "${expected.anchor.subject.text}"`;
    return { check: passed(CmsCheckCode.TRUST_CHAIN, message), path: expected.path, anchor: expected.anchor };
  }
  const other = otherAnchors.length > 0 ? build(otherAnchors) : undefined;
  if (other?.ok) {
    const message =
      `signed under "${other.anchor.subject.text}", a trust anchor of another authority, ` +
      'not one of the expected authority';
    const check = failed(CmsCheckCode.TRUST_CHAIN, CmsReasonCode.SIGNER_NOT_EXPECTED, message);
    return { check, path: other.path, anchor: other.anchor };
  }
  return { check: failed(CmsCheckCode.TRUST_CHAIN, CmsReasonCode.UNTRUSTED_CHAIN, expected.problem) };
}

const normalizePrint = (print: string): string => print.replace(/:/g, '').toLowerCase();

function checkExpectedSigner(signer: ParsedCertificate, expected: ExpectedSigner): CmsCheck {
  const problems: string[] = [];
  const prints = expected.fingerprintsSha256?.map(normalizePrint);
  if (prints && !prints.includes(signer.fingerprintSha256)) {
    problems.push('the signer certificate is not one registered for the authority');
  }
  for (const [field, value] of Object.entries(expected.subject ?? {})) {
    const actual = nameField(signer.subject, field as keyof SubjectInput);
    if (actual !== value) problems.push(`subject ${field} is "${actual ?? ''}", expected "${value}"`);
  }
  if (problems.length === 0) return passed(CmsCheckCode.EXPECTED_SIGNER, 'the signer is the expected one');
  return failed(CmsCheckCode.EXPECTED_SIGNER, CmsReasonCode.SIGNER_NOT_EXPECTED, problems.join('; '));
}

function checkValidity(signer: ParsedCertificate, issueTime: Date): CmsCheck {
  const window = `the signer certificate (${signer.notBefore.toISOString()} to ${signer.notAfter.toISOString()})`;
  const at = `at the issue time ${issueTime.toISOString()}`;
  switch (validityAt(signer, issueTime)) {
    case ValidityStatus.VALID:
      return passed(CmsCheckCode.VALIDITY_AT_ISSUE, `${window} was valid ${at}`);
    case ValidityStatus.EXPIRED:
      return failed(CmsCheckCode.VALIDITY_AT_ISSUE, CmsReasonCode.SIGNER_EXPIRED_AT_ISSUE, `${window} had expired ${at}`);
    case ValidityStatus.NOT_YET_VALID:
      return failed(CmsCheckCode.VALIDITY_AT_ISSUE, CmsReasonCode.SIGNER_NOT_YET_VALID_AT_ISSUE, `${window} was not yet valid ${at}`);
  }
}

function checkKeyUsage(signer: ParsedCertificate): CmsCheck {
  if (hasSigningKeyUsage(signer)) {
    return passed(CmsCheckCode.KEY_USAGE, 'the signer certificate allows digitalSignature or nonRepudiation');
  }
  const detail = signer.keyUsage
    ? 'its keyUsage allows neither digitalSignature nor nonRepudiation'
    : 'it has no keyUsage extension';
  return failed(CmsCheckCode.KEY_USAGE, CmsReasonCode.KEY_USAGE, `the signer certificate may not sign documents: ${detail}`);
}

interface RevocationOutcome {
  checks: CmsCheck[];
  status: RevocationStatus;
  revocationDate?: Date;
}

// Each certificate of the path below the anchor is looked up in the CRLs of its issuer, which must be
// signed by that issuer and current at `now` (else CRL_INVALID). A revocation dated at or before the
// issue time voids the signature; a later one leaves it valid and is reported as a passed check.
function checkRevocation(
  path: ParsedCertificate[] | undefined,
  crls: ParsedCrl[] | undefined,
  issueTime: Date,
  now: Date,
): RevocationOutcome {
  if (!path || !crls || crls.length === 0) return { checks: [], status: RevocationStatus.NOT_CHECKED };
  const crlProblems: string[] = [];
  const revocationChecks: CmsCheck[] = [];
  let crlCount = 0;
  let outcome: Omit<RevocationOutcome, 'checks'> = { status: RevocationStatus.NOT_CHECKED };
  for (let index = 0; index + 1 < path.length; index++) {
    const [cert, issuer] = [path[index], path[index + 1]];
    const relevant = crls.filter((crl) => crl.issuer.matchKey === issuer.subject.matchKey);
    crlCount += relevant.length;
    const usable = relevant.filter((crl) => {
      const problem = crlProblem(crl, issuer, now);
      if (problem) crlProblems.push(problem);
      return problem === undefined;
    });
    const entry = usable.map((crl) => findRevocation(crl, cert.serialNumberHex)).find((found) => found !== undefined);
    if (index === 0) outcome = signerRevocation(entry, usable.length, relevant.length, issueTime);
    const what = index === 0 ? 'the signer certificate' : `the CA "${cert.subject.text}"`;
    if (entry || usable.length > 0) revocationChecks.push(revocationCheck(what, entry, issuer, issueTime));
  }
  const checks: CmsCheck[] = [];
  if (crlProblems.length > 0) checks.push(failed(CmsCheckCode.CRL, CmsReasonCode.CRL_INVALID, crlProblems.join('; ')));
  else if (crlCount > 0) checks.push(passed(CmsCheckCode.CRL, `${crlCount} CRL(s) verified and current`));
  return { ...outcome, checks: [...checks, ...revocationChecks] };
}

const revokedBy = (entry: CrlEntry, issueTime: Date): boolean => entry.revocationDate.getTime() <= issueTime.getTime();

function signerRevocation(
  entry: CrlEntry | undefined,
  usable: number,
  relevant: number,
  issueTime: Date,
): Omit<RevocationOutcome, 'checks'> {
  if (entry) {
    const status = revokedBy(entry, issueTime) ? RevocationStatus.REVOKED_BEFORE_ISSUE : RevocationStatus.REVOKED_AFTER_ISSUE;
    return { status, revocationDate: entry.revocationDate };
  }
  if (usable > 0) return { status: RevocationStatus.GOOD };
  return { status: relevant > 0 ? RevocationStatus.UNKNOWN : RevocationStatus.NOT_CHECKED };
}

function revocationCheck(what: string, entry: CrlEntry | undefined, issuer: ParsedCertificate, issueTime: Date): CmsCheck {
  if (!entry) return passed(CmsCheckCode.REVOCATION, `${what} is not revoked per the CRL of "${issuer.subject.text}"`);
  const on = entry.revocationDate.toISOString();
  if (revokedBy(entry, issueTime)) {
    const message = `${what} was revoked on ${on}, before the issue time ${issueTime.toISOString()}`;
    return failed(CmsCheckCode.REVOCATION, CmsReasonCode.SIGNER_REVOKED_BEFORE_ISSUE, message);
  }
  return passed(CmsCheckCode.REVOCATION, `${what} was revoked after issue (on ${on}); the signature stays valid`);
}
