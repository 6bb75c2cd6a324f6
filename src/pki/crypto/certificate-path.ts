import { isSignedBy, ParsedCertificate, validityAt, ValidityStatus } from './x509';

// Builds a certification path from a signer certificate up to one of the given trust anchors, through
// the intermediates carried in the CMS (RFC 5280 6.1, reduced to what the hub relies on: names, link
// signatures, CA basicConstraints and keyCertSign, path length, CA validity at the issue time, and
// unsupported critical extensions). The signer's own validity and key usage are checked by the caller.

export type CertificatePathResult =
  | { ok: true; path: ParsedCertificate[]; anchor: ParsedCertificate }
  | { ok: false; problem: string };

export interface BuildCertificatePathInput {
  leaf: ParsedCertificate;
  intermediates: ParsedCertificate[];
  anchors: ParsedCertificate[];
  // Every CA must have been valid at this time (the hub-recorded issue time).
  at: Date;
}

const MAX_PATH_LENGTH = 8;
// Certificates that share one name and key all issue one another, so a depth-first search would try
// every ordering of them (15 such certificates in one CMS: 15!/7! paths). A real chain is found in a
// handful of steps; the search gives up past this many, and checks each link's signature once.
export const MAX_PATH_SEARCH_STEPS = 64;

interface Search {
  input: BuildCertificatePathInput;
  steps: number;
  signedBy: Map<string, boolean>;
}

export function buildCertificatePath(input: BuildCertificatePathInput): CertificatePathResult {
  const { leaf, anchors } = input;
  if (leaf.unsupportedCriticalExtensions.length > 0) {
    const extensions = leaf.unsupportedCriticalExtensions.join(', ');
    return fail(`"${leaf.subject.text}" has unsupported critical extensions ${extensions}`);
  }
  if (anchors.length === 0) return fail('no trust anchors were given');
  return extend([leaf], { input, steps: 0, signedBy: new Map() });
}

function extend(path: ParsedCertificate[], search: Search): CertificatePathResult {
  const { input } = search;
  if (++search.steps > MAX_PATH_SEARCH_STEPS) return fail(`no certification path found within ${MAX_PATH_SEARCH_STEPS} steps`);
  const current = path[path.length - 1];
  const anchorItself = input.anchors.find((anchor) => anchor.fingerprintSha256 === current.fingerprintSha256);
  if (anchorItself) return { ok: true, path, anchor: anchorItself };

  let problem =
    `no issuer "${current.issuer.text}" of "${current.subject.text}" ` +
    'among the trust anchors or the certificates in the CMS';
  for (const anchor of input.anchors) {
    const linkProblem = issuerProblem(current, anchor, path, search);
    if (linkProblem === undefined) return { ok: true, path: [...path, anchor], anchor };
    if (linkProblem !== NOT_ISSUER) problem = linkProblem;
  }
  if (path.length >= MAX_PATH_LENGTH) return fail(`no trust anchor within ${MAX_PATH_LENGTH} certificates`);
  for (const candidate of input.intermediates) {
    if (path.some((cert) => cert.fingerprintSha256 === candidate.fingerprintSha256)) continue;
    const linkProblem = issuerProblem(current, candidate, path, search);
    if (linkProblem === NOT_ISSUER) continue;
    if (linkProblem !== undefined) {
      problem = linkProblem;
      continue;
    }
    const result = extend([...path, candidate], search);
    if (result.ok) return result;
    problem = result.problem;
  }
  return fail(problem);
}

const NOT_ISSUER = 'not the issuer';

function issuerProblem(
  child: ParsedCertificate,
  ca: ParsedCertificate,
  path: ParsedCertificate[],
  search: Search,
): string | undefined {
  if (child.issuer.matchKey !== ca.subject.matchKey) return NOT_ISSUER;
  const name = `"${ca.subject.text}"`;
  const link = `${child.fingerprintSha256}>${ca.fingerprintSha256}`;
  if (!search.signedBy.has(link)) search.signedBy.set(link, isSignedBy(child, ca));
  if (!search.signedBy.get(link)) return `the signature on "${child.subject.text}" does not verify under the key of ${name}`;
  if (!ca.basicConstraints?.cA) return `${name} is not a CA (basicConstraints cA is not set)`;
  if (ca.keyUsage && !ca.keyUsage.keyCertSign) return `${name} may not sign certificates (no keyCertSign)`;
  // Certificates below this CA, other than the signer, must not exceed its pathLenConstraint.
  const pathLen = ca.basicConstraints.pathLenConstraint;
  if (pathLen !== undefined && path.length - 1 > pathLen) return `${name} allows at most ${pathLen} intermediate CA(s) below it`;
  if (ca.unsupportedCriticalExtensions.length > 0) {
    return `${name} has unsupported critical extensions ${ca.unsupportedCriticalExtensions.join(', ')}`;
  }
  const validity = validityAt(ca, search.input.at);
  if (validity !== ValidityStatus.VALID) {
    return `the CA ${name} was ${validity === ValidityStatus.EXPIRED ? 'expired' : 'not yet valid'} at the issue time`;
  }
  return undefined;
}

function fail(problem: string): CertificatePathResult {
  return { ok: false, problem };
}
