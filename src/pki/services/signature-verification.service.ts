import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { CmsVerification } from '../crypto/cms-verification';
import { verifyDetachedCms } from '../crypto/cms-verifier';
import { HubRevocation, withHubRevocation } from '../domain/hub-revocation';
import { KeyOwner } from '../domain/key-owner';
import { HubKeyRevocation, PkiStore } from '../pki.store';
import { buildCertificatePath } from '../crypto/certificate-path';
import { hasSigningKeyUsage, parseCertificateCached, ParsedCertificate, validityAt, ValidityStatus } from '../crypto/x509';
import { verifyEnvelopedXml } from '../crypto/xml-dsig';
import { verifyCompactJws } from '../crypto/jws-verifier';
import { SignatureCheckMacs } from '../signing/signature-check-macs';

export interface VerifySignatureInput {
  // The authority (or the node) that is expected to have signed; null when the claimed signer is not
  // registered here (then no anchor is expected, and a registered one's key is SIGNER_NOT_EXPECTED).
  owner: KeyOwner | null;
  content: Buffer;
  cmsDer: Buffer;
  // The hub-recorded issue time, never the signer's own signing-time claim.
  issueTime: Date;
  // For CRL currency; defaults to the clock.
  now?: Date;
  /**
   * The MAC the hub stored with this signature when it made it (SignatureCheckMacs): when it vouches
   * for exactly these bytes, the CMS is not parsed and its RSA signature not checked again.
   */
  signatureCheckMac?: string | null;
}

/** What the hub's own key records say about the signer's key. */
export enum HubKeyRecord {
  // Not a key the hub holds (a partner authority's, or unknown).
  NOT_HELD = 'NOT_HELD',
  NOT_REVOKED = 'NOT_REVOKED',
  REVOKED = 'REVOKED',
}

export interface SignatureVerificationContext {
  result: CmsVerification;
  expectedAnchors: number;
  hubKey: HubKeyRecord;
}

/**
 * The one signature check of the hub (this API, the verification use cases, an offline verifier):
 * verifyDetachedCms fed from the database (the expected owner's trust anchors, every registered
 * anchor to tell another authority's key from an unknown CA, the current CRLs) plus what the hub
 * itself recorded about the signer's key (an operator's revocation, dated).
 */
@Injectable()
export class SignatureVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PkiStore,
    private readonly clock: Clock,
    private readonly macs: SignatureCheckMacs,
  ) {}

  async verify(input: VerifySignatureInput, manager: EntityManager = this.dataSource.manager): Promise<CmsVerification> {
    return (await this.verifyWithContext(input, manager)).result;
  }

  /**
   * verify(), plus what a certificate verification needs to tell an undecidable answer from a bad
   * one: how many anchors the expected owner has, and whether the hub holds the signer's key.
   */
  async verifyWithContext(input: VerifySignatureInput, manager: EntityManager = this.dataSource.manager): Promise<SignatureVerificationContext> {
    // One after another: the manager may be a transaction's, whose single connection runs one query at a time.
    const { own: trustAnchors, all: knownAnchors } = await this.store.anchorsOfAndAll(manager, input.owner);
    const crls = await this.store.currentCrls(manager);
    const vouched = this.macs.open(input.signatureCheckMac, input.content, input.cmsDer);
    const result = verifyDetachedCms({
      content: input.content,
      cmsDer: input.cmsDer,
      ...(vouched ? { vouched } : {}),
      trustAnchorsDer: trustAnchors.map((anchor) => anchor.der),
      knownAnchorsDer: knownAnchors.map((anchor) => anchor.der),
      crls,
      issueTime: input.issueTime,
      now: input.now ?? this.clock.now(),
    });
    return this.withHubKey(manager, result, trustAnchors.length, input.issueTime);
  }

  /**
   * A compact JWS with its signer certificate and chain in x5c (a VC-JOSE credential, typ vc+jwt),
   * judged like a CMS signature: the signature checked with a JOSE library, the signer's path to the
   * expected owner's anchors, validity at the issue time, key usage, the CRLs and the hub's own record
   * of the key. The payload comes back only when the signature verifies.
   */
  async verifyJwsWithContext(input: { owner: KeyOwner | null; jws: string; typ: string; issueTime: Date; now?: Date }, manager: EntityManager = this.dataSource.manager): Promise<SignatureVerificationContext & { payload?: Uint8Array }> {
    const { own: trustAnchors, all: knownAnchors } = await this.store.anchorsOfAndAll(manager, input.owner);
    const crls = await this.store.currentCrls(manager);
    const { payload, ...result } = await verifyCompactJws({
      jws: input.jws,
      typ: input.typ,
      trustAnchorsDer: trustAnchors.map((anchor) => anchor.der),
      knownAnchorsDer: knownAnchors.map((anchor) => anchor.der),
      crls,
      issueTime: input.issueTime,
      now: input.now ?? this.clock.now(),
    });
    const context = await this.withHubKey(manager, result, trustAnchors.length, input.issueTime);
    return payload ? { ...context, payload } : context;
  }

  private async withHubKey(manager: EntityManager, result: CmsVerification, expectedAnchors: number, issueTime: Date): Promise<SignatureVerificationContext> {
    const context = { expectedAnchors, hubKey: HubKeyRecord.NOT_HELD };
    if (!result.signer) return { result, ...context };
    const key = await this.hubKey(manager, result.signer.fingerprintSha256);
    if (!key) return { result, ...context };
    const revocation: HubRevocation | undefined = key.revoked_at ? { revokedAt: key.revoked_at, reason: key.revocation_reason } : undefined;
    return {
      result: withHubRevocation(result, revocation, issueTime),
      expectedAnchors,
      hubKey: revocation ? HubKeyRecord.REVOKED : HubKeyRecord.NOT_REVOKED,
    };
  }

  /**
   * The one enveloped XML signature of a parsed document (a UBL rendition): the signature itself on
   * that same tree (verifyEnvelopedXml), then its signer certificate: a path to the owner's trust
   * anchors, valid and allowed to sign at the hub-recorded issue time. CRLs are not consulted here.
   */
  async verifyXml(input: { owner: KeyOwner; document: Document; isExpectedPlace: (signature: Element) => boolean; issueTime: Date }, manager: EntityManager = this.dataSource.manager): Promise<{ valid: boolean; reasons: string[] }> {
    const signature = verifyEnvelopedXml(input.document, input.isExpectedPlace);
    if (!signature.ok) return { valid: false, reasons: signature.problems };
    let leaf: ParsedCertificate;
    let intermediates: ParsedCertificate[];
    try {
      leaf = parseCertificateCached(signature.certificateDer);
      intermediates = signature.chainDer.map((der) => parseCertificateCached(der));
    } catch {
      return { valid: false, reasons: ['the signer certificate cannot be read'] };
    }
    const { own: anchors } = await this.store.anchorsOfAndAll(manager, input.owner);
    const path = buildCertificatePath({ leaf, intermediates, anchors, at: input.issueTime });
    const reasons: string[] = [];
    if (!path.ok) reasons.push(`UNTRUSTED_CHAIN: ${path.problem}`);
    if (validityAt(leaf, input.issueTime) !== ValidityStatus.VALID) reasons.push('SIGNER_NOT_VALID_AT_ISSUE');
    if (!hasSigningKeyUsage(leaf)) reasons.push('KEY_USAGE');
    return { valid: reasons.length === 0, reasons };
  }

  private hubKey(manager: EntityManager, fingerprint: string): Promise<HubKeyRevocation | undefined> {
    return this.store.hubKeyRevocation(manager, fingerprint);
  }
}
