import { createHash } from 'node:crypto';
import { CmsSigner } from '../../../pki/crypto/cms-signer';
import { verifyDetachedCms } from '../../../pki/crypto/cms-verifier';
import { createCrl, CrlReason, parseCrl } from '../../../pki/crypto/crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from '../../../pki/crypto/dev-pki';
import { parseCertificate } from '../../../pki/crypto/x509';
import { IssuerStatus, IssuerTrust, RecordFacts, SignatureFacts, VerificationFacts } from '../domain/verification-facts';
import { testKeyPair } from '../../../../test/support/key-pool';

// Fixed times (TZ=UTC): the certificate was issued on 2 March 2026 and is verified on 10 March.
export const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
export const NOW = new Date('2026-03-10T12:00:00Z');
const VALID_FROM = new Date('2026-01-01T00:00:00Z');

export const DOCUMENT = Buffer.from('{"certificateNumber":"KH-RCEP-2026-000123","issuingAuthority":"KH-MOC","items":[{"hsCode":"100630"}]}');
export const DOCUMENT_HASH = createHash('sha256').update(DOCUMENT).digest('hex');

/** A real PKI and a real signature, checked by the hub's own CMS verifier: the facts are what the hub would gather. */
export class VerificationKit {
  readonly ca: DevCa;
  readonly signer: DevSigningKey;
  readonly cms: Buffer;

  constructor(options: { signerValidTo?: Date } = {}) {
    this.ca = createDevCa({ commonName: 'KH MOC Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    this.signer = createDevSigningKey({ ca: this.ca, subject: { CN: 'KH MOC CO signer' }, validFrom: VALID_FROM, validTo: options.signerValidTo ?? new Date('2027-01-01Z'), keyPair: testKeyPair() });
    this.cms = new CmsSigner({ signerCertDer: this.signer.certDer, privateKey: this.signer.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  }

  /** The CMS verification of `content` against `anchors` (the issuer's) and `known` (everyone's). */
  signature(
    options: { content?: Buffer; cms?: Buffer; anchors?: DevCa[]; known?: DevCa[]; crlRevokedAt?: Date; issuer?: IssuerTrust; hubKeyNotRevoked?: boolean; issueTimeKnown?: boolean } = {},
  ): SignatureFacts {
    const crls =
      options.crlRevokedAt === undefined
        ? undefined
        : [
            parseCrl(
              createCrl({
                issuerCert: this.ca.certDer,
                issuerKey: this.ca.privateKey,
                revoked: [{ serialHex: parseCertificate(this.signer.certDer).serialNumberHex, date: options.crlRevokedAt, reason: CrlReason.KEY_COMPROMISE }],
                thisUpdate: new Date(NOW.getTime() - 3600_000),
                nextUpdate: new Date(NOW.getTime() + 7 * 86_400_000),
              }),
            ),
          ];
    const cms = verifyDetachedCms({
      content: options.content ?? DOCUMENT,
      cmsDer: options.cms ?? this.cms,
      trustAnchorsDer: (options.anchors ?? [this.ca]).map((ca) => ca.certDer),
      knownAnchorsDer: (options.known ?? options.anchors ?? [this.ca]).map((ca) => ca.certDer),
      crls,
      issueTime: ISSUE_TIME,
      now: NOW,
    });
    return { kind: 'VERIFIED', cms, issuer: options.issuer ?? IssuerTrust.ANCHORED, issueTimeKnown: options.issueTimeKnown ?? true, hubKeyNotRevoked: options.hubKeyNotRevoked ?? true };
  }
}

export function issuedRecord(overrides: Partial<Extract<RecordFacts, { kind: 'FOUND' }>> = {}): RecordFacts {
  return { kind: 'FOUND', status: IssuerStatus.ISSUED, importStatus: null, expiresAt: new Date('2027-03-02T09:30:00Z'), replacedByNumber: null, documentHash: DOCUMENT_HASH, ...overrides };
}

/** Facts of a genuine, current certificate held by the hub; override what the scenario changes. */
export function buildFacts(kit: VerificationKit, overrides: Partial<VerificationFacts> = {}): VerificationFacts {
  return {
    now: NOW,
    contentHash: DOCUMENT_HASH,
    signature: kit.signature(),
    record: issuedRecord(),
    quantity: { kind: 'BALANCES', balances: [{ itemNumber: 1, unit: 'KGM', issued: '25000', used: '5000', remaining: '20000' }] },
    dataset: { kind: 'CHECKED', violations: [], against: { dataset: '1', profile: 'RCEP@2022-01-01', hs: 'HS2022' }, at: ISSUE_TIME },
    ...overrides,
  };
}

export function checkOf<T extends { check: string }>(checks: T[], name: string): T {
  const found = checks.find((c) => c.check === name);
  if (!found) throw new Error(`no ${name} check`);
  return found;
}
