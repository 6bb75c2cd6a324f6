import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { AuthorityRole } from '../../core/auth/authority-role';
import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { DatasetService } from '../../dataset/dataset.service';
import type { AcknowledgementWarning } from '../../exchange/domain/acknowledgement';
import { AcknowledgementStatus } from '../../exchange/domain/delivery-status';
import { CertificateMessageFacts, InboundOutcome, certificateMessageOutcome, refusedOutcome } from '../../exchange/domain/inbound-acknowledgement';
import { HeldCopy, authoriseCertificateMessage } from '../../exchange/domain/inbound-authorisation';
import { CERTIFICATE_MESSAGE_TYPES, MessageType } from '../../exchange/domain/message-type';
import { InboundHandlers } from '../../exchange/inbound/inbound-handlers';
import { InboundContext, InboundMessageHandler, InboundRoute } from '../../exchange/inbound/inbound-message-handler';
import { InboundQueriesService } from '../../exchange/inbound/inbound-queries.service';
import { ReceivedEnvelope, certificateRef } from '../../exchange/inbound/received-envelope';
import { KeyOwnerType } from '../../pki/domain/key-owner';
import { SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { coversExporterSignature } from '../../pki/crypto/exporter-signature-attribute';
import { ReceivedRenditions } from './received-renditions';
import { CertificateOrigin, IssuedThrough } from '../domain/certificate-status';
import { CertificateIdentity, HeldCertificate, ReceivedSignatureCheck } from './received-certificate';
import { ReceivedCertificatesService } from './received-certificates.service';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Rule findings kept per message; a document with more problems than this is reported in part.
const MAX_FINDINGS = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identityOf(reference: unknown): CertificateIdentity | null {
  return certificateRef(reference) ? (reference as CertificateIdentity) : null;
}

/** The earlier certificate a replacement or duplicate names, with the hash it names it by. */
function earlierOf(envelope: ReceivedEnvelope): { identity: CertificateIdentity | null; documentHash: string | null } | undefined {
  const named =
    envelope.type === MessageType.CO_REPLACED ? envelope.payload.replaces : envelope.type === MessageType.CO_DUPLICATE ? envelope.payload.duplicateOf : undefined;
  if (named === undefined && envelope.type !== MessageType.CO_REPLACED && envelope.type !== MessageType.CO_DUPLICATE) return undefined;
  const reference = named as { certificate?: unknown; documentHash?: unknown } | undefined;
  return { identity: identityOf(reference?.certificate), documentHash: typeof reference?.documentHash === 'string' ? reference.documentHash : null };
}

function heldCopy(held: HeldCertificate | null): HeldCopy | null {
  return held && { origin: held.origin, receivedFrom: held.receivedFrom, documentHash: held.documentHash, issuingAuthority: held.issuingAuthority, importCountry: held.importCountry };
}

/**
 * The receiving side of certificate messages (DESIGN.md section 6), registered with the exchange's
 * InboundHandlers like every other feature's handler. First who may say what: the
 * partner serving the issuer's country, in the issuer's name, to customs of the importing country
 * served here, touching only copies it delivered itself under the hash it names
 * (domain/inbound-authorisation.ts); what breaks that changes nothing and is kept unread with its
 * code. Then the document: stored as a received copy once it is what refersTo says (hash, issuer,
 * number, copy); its issuer's CMS is checked against the issuer's trust anchors and its data against
 * the dataset at its issue time, and what fails is acknowledged as warnings and kept with the copy,
 * never refused. Cancellations and replacements move the received copy.
 */
@Injectable()
export class CertificateMessageHandler extends InboundMessageHandler implements OnModuleInit {
  readonly types = CERTIFICATE_MESSAGE_TYPES;

  constructor(
    private readonly handlers: InboundHandlers,
    private readonly received: ReceivedCertificatesService,
    private readonly dataset: DatasetService,
    private readonly signatures: SignatureVerificationService,
    private readonly authorities: AuthoritiesService,
    private readonly inbound: InboundQueriesService,
    private readonly renditions: ReceivedRenditions,
  ) {
    super();
  }

  onModuleInit(): void {
    this.handlers.register(this);
  }

  /** The local route: this hub's own row gets its importStatus in a unit of work of its own. */
  override async receiveLocal(envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const source = { partner: null, envelopeId: envelope.envelopeId, at: context.receivedAt };
    if (envelope.type !== MessageType.CO_CANCELLED) await this.received.receiveLocally(envelope.refersTo.certificate, source);
    return { status: AcknowledgementStatus.DELIVERED, warnings: [] };
  }

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const identity = envelope.refersTo.certificate;
    const source = { partner: context.partner?.code ?? null, envelopeId: envelope.envelopeId, at: context.receivedAt };
    // The certificate is this hub's own row: receiving it is the importing customs getting it, in its
    // own unit of work (the local route writes nothing else in the caller's transaction).
    if (context.route === InboundRoute.LOCAL || !context.partner) return this.receiveLocal(envelope, context);
    const partner = context.partner;
    const raw = envelope.payload.document;
    let document = isRecord(raw) ? raw : null;
    // A partner that sends only a rendition: its record is read out of it, but only out of one whose own
    // signature holds against the issuer's anchors, so a partner node cannot fabricate an issuer's certificate.
    const fromRendition = !document && envelope.type !== MessageType.CO_CANCELLED && envelope.payload.renditions !== undefined ? await this.recordFromRendition(manager, envelope) : null;
    if (fromRendition) document = fromRendition;
    await this.received.lockIdentity(manager, identity);
    const held = await this.received.held(manager, identity);
    const earlier = earlierOf(envelope);
    const earlierHeld = earlier?.identity ? await this.received.held(manager, earlier.identity) : null;
    const refusal = authoriseCertificateMessage({
      type: envelope.type,
      partner,
      from: envelope.from,
      certificate: { issuingAuthority: identity.issuingAuthority, documentHash: envelope.refersTo.documentHash },
      issuerServedHere: (await this.authorities.authoritiesServedHere(manager, [identity.issuingAuthority])).some((a) => a.roles.includes(AuthorityRole.ISSUER)),
      recipient: context.recipient,
      documentImportCountry: document && typeof document.importCountry === 'string' ? document.importCountry : null,
      held: heldCopy(held),
      ...(envelope.type === MessageType.CO_REPLACED && earlier?.identity
        ? { replaces: { reference: { issuingAuthority: earlier.identity.issuingAuthority, documentHash: earlier.documentHash ?? '' }, held: heldCopy(earlierHeld) } }
        : {}),
    });
    if (refusal) return refusedOutcome(refusal);

    if (envelope.type === MessageType.CO_CANCELLED) {
      const cancellation = envelope.payload.cancellation as { reason?: unknown } | undefined;
      const reason = typeof cancellation?.reason === 'string' ? cancellation.reason.slice(0, 2000).normalize('NFC') : '';
      // Not held yet: kept, and applied when the certificate arrives from this partner with this hash.
      const known = held !== null && (await this.received.cancel(manager, { identity, reason, source }));
      return certificateMessageOutcome({ type: envelope.type, earlierCertificateKnown: known });
    }
    // A replacement's or duplicate's original counts as known only as a copy this partner delivered.
    const earlierKnown = earlier === undefined ? undefined : earlierHeld !== null && earlierHeld.origin === CertificateOrigin.RECEIVED && earlierHeld.receivedFrom === partner.code;
    const { facts, signature, check } = await this.assess(manager, envelope, document, held, earlierKnown, `partner:${partner.code}`, fromRendition !== null);
    const outcome = certificateMessageOutcome(facts);
    if (outcome.status === AcknowledgementStatus.DELIVERED_NOT_READABLE || !document || !check?.versions) return outcome;
    const replaces = envelope.type === MessageType.CO_REPLACED && earlierKnown && earlier?.identity ? earlier.identity : undefined;
    const copy = await this.received.receive(manager, {
      identity,
      document,
      canonical: Buffer.from(canonicalJson(document), 'utf8'),
      documentHash: envelope.refersTo.documentHash,
      signatureCms: signature.der,
      signatureCheck: signature.check,
      ...exporterDeclaration(envelope, signature.der),
      versions: check.versions,
      validityDays: check.validityDays,
      warnings: outcome.warnings.map((w) => ({ ruleId: w.ruleId ?? 'EXCHANGE', severity: 'warning' as const, path: w.path ?? '', message: w.message })),
      replaces,
      cancelledEarlier: await this.inbound.cancellationBefore(manager, { certificate: identity, partnerId: partner.id, documentHash: envelope.refersTo.documentHash }),
      source,
    });
    // Renditions beside the record (a capability the receiver asked for): kept only when their own signature holds.
    const issuer = await this.authorities.ensureIssuer(manager, identity.issuingAuthority, `partner:${partner.code}`);
    const renditionWarnings = await this.renditions.keep(manager, {
      certificateId: copy.id,
      issuer: { id: issuer.id, code: issuer.code },
      record: document,
      documentHash: envelope.refersTo.documentHash,
      issueTime: new Date(String(document.issueDateTime)),
      renditions: envelope.payload.renditions,
    });
    if (fromRendition) {
      renditionWarnings.unshift({ ruleId: 'RENDITION', path: 'payload.renditions', message: 'the record came only as a signed rendition: kept on that rendition\'s own signature, without a detached CMS of the record' });
    }
    if (renditionWarnings.length === 0) return outcome;
    return { ...outcome, status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, warnings: [...outcome.warnings, ...renditionWarnings] };
  }

  private async recordFromRendition(manager: EntityManager, envelope: ReceivedEnvelope): Promise<Record<string, unknown> | null> {
    // Read only: an issuer this hub does not know has no anchors, so nothing it signed can be checked.
    const issuer = await this.authorities.findAuthorityByCode(envelope.refersTo.certificate.issuingAuthority);
    if (!issuer) return null;
    const derived = await this.renditions.recordFrom(manager, { issuer: { id: issuer.id, code: issuer.code }, documentHash: envelope.refersTo.documentHash, renditions: envelope.payload.renditions });
    return derived.document ?? null;
  }

  private async assess(
    manager: EntityManager,
    envelope: ReceivedEnvelope,
    document: Record<string, unknown> | null,
    held: HeldCertificate | null,
    earlierKnown: boolean | undefined,
    actor: string,
    signedByRendition = false,
  ) {
    const identity = envelope.refersTo.certificate;
    const facts: CertificateMessageFacts = {
      type: envelope.type,
      document: {
        present: document !== null,
        hashMatches: document !== null && sha256Hex(canonicalJson(document)) === envelope.refersTo.documentHash,
        identityMatches:
          document !== null &&
          document.issuingAuthority === identity.issuingAuthority &&
          document.certificateNumber === identity.certificateNumber &&
          (document.copyNumber ?? 0) === identity.copyNumber,
        shapeProblems: [],
        findings: [],
        signatureProblems: [],
        heldDifferent: held !== null && held.documentHash !== envelope.refersTo.documentHash,
      },
      earlierCertificateKnown: earlierKnown,
    };
    const noSignature = { der: null, check: { valid: false, reasons: ['NO_SIGNATURE'], checkedAt: new Date().toISOString() } as ReceivedSignatureCheck };
    const assessed = facts.document as NonNullable<CertificateMessageFacts['document']>;
    if (!document || certificateMessageOutcome(facts).status === AcknowledgementStatus.DELIVERED_NOT_READABLE) return { facts, signature: noSignature, check: null };

    const check = await this.dataset.checkIssuedDocument(document, identity.issuingAuthority.slice(0, 2), manager);
    const asWarnings = (list: typeof check.findings): AcknowledgementWarning[] => list.slice(0, MAX_FINDINGS).map((v) => ({ ruleId: v.ruleId, path: `payload.document${v.path ? `.${v.path}` : ''}`, message: `${v.severity}: ${v.message}` }));
    if (!check.readable) {
      assessed.shapeProblems = asWarnings(check.findings);
      return { facts, signature: noSignature, check };
    }
    assessed.findings = asWarnings(check.findings);
    // A record read out of a rendition was kept on that rendition's own signature, checked already.
    const signature = signedByRendition
      ? { der: null, check: { valid: true, reasons: [], checkedAt: new Date().toISOString() } as ReceivedSignatureCheck }
      : await this.checkSignature(manager, envelope, document, actor);
    assessed.signatureProblems = signature.check.valid ? [] : signature.check.reasons;
    return { facts, signature, check };
  }

  /** The issuer's detached CMS over the document's RFC 8785 bytes, judged at the document's issue time. */
  private async checkSignature(manager: EntityManager, envelope: ReceivedEnvelope, document: Record<string, unknown>, actor: string): Promise<{ der: Buffer | null; check: ReceivedSignatureCheck }> {
    const checkedAt = new Date().toISOString();
    const encoded = envelope.payload.documentSignature;
    if (typeof encoded !== 'string' || !BASE64.test(encoded)) return { der: null, check: { valid: false, reasons: ['NO_SIGNATURE'], checkedAt } };
    const der = Buffer.from(encoded, 'base64');
    const identity = envelope.refersTo.certificate;
    const issuer = await this.authorities.ensureIssuer(manager, identity.issuingAuthority, actor);
    const result = await this.signatures.verify(
      { owner: { type: KeyOwnerType.AUTHORITY, authorityId: issuer.id, code: issuer.code }, content: Buffer.from(canonicalJson(document), 'utf8'), cmsDer: der, issueTime: new Date(String(document.issueDateTime)) },
      manager,
    );
    return { der, check: { valid: result.valid, reasons: result.reasons, checkedAt } };
  }
}

/**
 * The exporter's own signature that travels beside the document (payload.exporterSignature), kept
 * only when the issuer's signature covers it (id-aa-contentReference), and which way the issuer says
 * the certificate was made (payload.issuedThrough; absent from older hubs and for certificates the
 * authority issued directly).
 */
function exporterDeclaration(envelope: ReceivedEnvelope, issuerCms: Buffer | null): { exporterSignatureCms: Buffer | null; issuedThrough: IssuedThrough } {
  const stated = envelope.payload.issuedThrough;
  const issuedThrough = Object.values(IssuedThrough).includes(stated as IssuedThrough) ? (stated as IssuedThrough) : IssuedThrough.AUTHORITY_DIRECTLY;
  const encoded = envelope.payload.exporterSignature;
  if (!issuerCms || typeof encoded !== 'string' || encoded.length > 131072 || !BASE64.test(encoded)) return { exporterSignatureCms: null, issuedThrough };
  const der = Buffer.from(encoded, 'base64');
  return { exporterSignatureCms: coversExporterSignature(issuerCms, der) ? der : null, issuedThrough };
}
