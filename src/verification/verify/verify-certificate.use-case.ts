import { Injectable } from '@nestjs/common';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { Principal, principalLabel } from '../../core/auth/principal';
import { CertificateQueriesService, IssuedForVerification } from '../../certificates/certificate-queries.service';
import { isIssuerOf } from '../../certificates/domain/visibility';
import type { CertificateRecord } from '../../certificates/certificate-record';
import { Clock } from '../../core/clock/clock';
import { canonicalJson, sha256Hex } from '../../core/canonical/canonical-json';
import { canonicalDeclaration } from '../../dataset/exporter-declaration';
import type { CmsVerification } from '../../pki/crypto/cms-verification';
import { withStatedRecordHash } from './domain/credential-digest';
import { VC_JWT_TYPE } from '../../certificates/credentials/domain/verifiable-credential';
import { coversExporterSignature } from '../../pki/crypto/exporter-signature-attribute';
import { KeyOwner, KeyOwnerType } from '../../pki/domain/key-owner';
import { HubKeyRecord, SignatureVerificationContext, SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { VerificationLog } from '../log/verification-log';
import { FIRST_RULES_VERSION } from '../../dataset/dataset-version';
import { DatasetRecheckService } from './dataset-recheck.service';
import { AnswerScope, answerScope } from './domain/answer-scope';
import { Assessment, assessCertificate } from './domain/assess-certificate';
import { publicSummary } from './domain/public-summary';
import { exporterSignatureReport, signatureReport } from './domain/two-signatures';
import { DatasetFacts, IssuerTrust, ItemBalance, QuantityFacts, RecordFacts, SignatureFacts } from './domain/verification-facts';
import { claimedIdentity, VerificationMethod, VerificationSubject } from './domain/verification-input';
import { SignaturesView, VerificationView } from '../dto/verification.view';

export interface VerificationCaller {
  principal?: Principal;
  // The keyed hash of the caller's address: who a public caller is in the log.
  publicClientKey: string;
}

/** The issuing authority as far as a verification needs it; its country is read only when needed. */
interface Issuer {
  id: string;
  code: string;
  country: () => Promise<string | undefined>;
}

/** What was judged: the certificate the hub holds (if any) and the bytes checked. */
interface Subject {
  record: CertificateRecord | null;
  /** What remains of each item of the record, read with it. */
  balances: ItemBalance[];
  issuerCode: string | null;
  document: Record<string, unknown> | null;
  content: Buffer | null;
  cms: Buffer | null;
  /** A credential's compact JWS (VC-JOSE), and the record hash it states, instead of a CMS. */
  jws?: string;
  statedHash?: string;
  issueTime: Date;
  issueTimeKnown: boolean;
}

/**
 * POST /v1/verifications and the public page: finds the certificate the hub holds under the
 * reference, token or the identity a document claims; verifies the signature (the pki module's
 * SignatureVerificationService, with the issuer's anchors, every registered anchor and the CRLs); runs
 * the dataset rules as at issue; reads the issuer's and the importing side's states and the ledger;
 * judges it all with the shared pure function; answers in the caller's scope; logs every answer.
 */
@Injectable()
export class VerifyCertificateUseCase {
  constructor(
    private readonly certificates: CertificateQueriesService,
    private readonly authorities: AuthoritiesService,
    private readonly signatures: SignatureVerificationService,
    private readonly datasetRecheck: DatasetRecheckService,
    private readonly log: VerificationLog,
    private readonly clock: Clock,
  ) {}

  /** The answer; null only for a token the hub never gave out (the page answers 404). */
  async execute(request: VerificationSubject, caller: VerificationCaller): Promise<VerificationView | null> {
    const now = this.clock.now();
    const subject = await this.subject(request, now);
    if (!subject.record && request.method === VerificationMethod.TOKEN) return null;
    const issuer = await this.issuer(subject);
    const contentHash = subject.content ? sha256Hex(subject.content) : (subject.record?.documentHash ?? null);
    // Independent reads, each on its own pooled connection: the answer waits for the slowest only.
    const [signature, recordFacts, quantity, dataset, exporterSignature] = await Promise.all([
      this.signatureFacts(subject, issuer),
      this.recordFacts(subject.record),
      this.quantityFacts(subject),
      this.datasetFacts(subject, issuer, contentHash),
      this.exporterSignature(subject, issuer),
    ]);
    const assessment = assessCertificate({ now, contentHash, signature, record: recordFacts, quantity, dataset });
    const record = subject.record;
    const importCountry = record?.importCountry ?? (typeof subject.document?.importCountry === 'string' ? subject.document.importCountry : null);
    const scope = answerScope(caller.principal, { issuingAuthorityCode: subject.issuerCode, importCountry });
    await this.log.record({
      verifiedAt: now,
      caller: caller.principal ? principalLabel(caller.principal) : `public:${caller.publicClientKey}`,
      method: request.method,
      answerScope: scope,
      certificateId: record?.id ?? null,
      issuingAuthorityCode: subject.issuerCode,
      certificateNumber: record?.certificateNumber ?? this.claimedNumber(request),
      verdict: assessment.verdict,
      reasons: assessment.reasons,
      agreement: record ? (record.agreement ?? 'NON_PREFERENTIAL') : 'UNKNOWN',
      auditedRead:
        scope === AnswerScope.FULL && record && caller.principal && !isIssuerOf(caller.principal, record)
          ? { actor: principalLabel(caller.principal), certificateId: record.id, certificateNumber: record.certificateNumber }
          : undefined,
    });
    const signatures: SignaturesView = {
      issuedThrough: record?.issuedThrough ?? null,
      authority: signatureReport(signature.kind === 'VERIFIED' ? signature.cms : undefined),
      exporter: exporterSignatureReport(exporterSignature, !!(exporterSignature && subject.cms && record?.exporterSignatureCms && coversExporterSignature(subject.cms, record.exporterSignatureCms))),
    };
    return this.view(assessment, scope, record, now, signatures);
  }

  /**
   * The exporter's own signature of its declaration, for a certificate issued on a signed application:
   * over the canonical declaration of the document, to the issuing authority's trust anchors, at the
   * hub-recorded issue time. Only such certificates pay for this second check.
   */
  private async exporterSignature(subject: Subject, authority: Issuer | null): Promise<CmsVerification | undefined> {
    const record = subject.record;
    if (!record?.exporterSignatureCms || !subject.document) return undefined;
    const owner = authority ? { type: KeyOwnerType.AUTHORITY as const, authorityId: authority.id, code: authority.code } : null;
    return this.signatures.verify({ owner, content: canonicalDeclaration(subject.document), cmsDer: record.exporterSignatureCms, issueTime: subject.issueTime });
  }

  private async subject(request: VerificationSubject, now: Date): Promise<Subject> {
    switch (request.method) {
      case VerificationMethod.REFERENCE:
        return this.held(await this.certificates.findIssuedByReference(request.issuingAuthority, request.certificateNumber, request.copyNumber), request.issuingAuthority, now);
      case VerificationMethod.TOKEN:
        return this.held(await this.certificates.findIssuedByVerificationToken(request.token), null, now);
      case VerificationMethod.DOCUMENT:
        return { ...(await this.sent(request.document, now)), cms: request.signatureDer };
      case VerificationMethod.CREDENTIAL:
        // The credential's subject is the record; its JWS is the signature, and it states the record's hash.
        return { ...(await this.sent(request.credential.record, now)), jws: request.jws, statedHash: request.credential.recordHash };
    }
  }

  /** A document sent to be verified, and the certificate the hub holds under the identity it claims. */
  private async sent(document: Record<string, unknown>, now: Date): Promise<Subject> {
    const claimed = claimedIdentity(document);
    const found = claimed ? await this.certificates.findIssuedByReference(claimed.issuingAuthority, claimed.certificateNumber, claimed.copyNumber) : null;
    const record = found?.certificate ?? null;
    // The hub-recorded issue time when it holds the certificate; else the one the document states.
    const stated = typeof document.issueDateTime === 'string' ? new Date(document.issueDateTime) : undefined;
    const issueTime = record?.issueDateTime ?? (stated && !Number.isNaN(stated.getTime()) ? stated : undefined);
    return {
      record,
      balances: found?.balances ?? [],
      issuerCode: record?.issuingAuthorityCode ?? claimed?.issuingAuthority ?? (typeof document.issuingAuthority === 'string' ? document.issuingAuthority : null),
      document,
      // What was signed is the RFC 8785 form, however the document was serialised on the way.
      content: Buffer.from(canonicalJson(document), 'utf8'),
      cms: null,
      issueTime: issueTime ?? now,
      issueTimeKnown: issueTime !== undefined,
    };
  }

  private held(found: IssuedForVerification | null, namedIssuer: string | null, now: Date): Subject {
    const record = found?.certificate ?? null;
    return {
      record,
      balances: found?.balances ?? [],
      issuerCode: record?.issuingAuthorityCode ?? namedIssuer,
      document: record?.document ?? null,
      content: record?.canonicalDocument ?? null,
      cms: record?.signatureCms ?? null,
      issueTime: record?.issueDateTime ?? now,
      issueTimeKnown: record?.issueDateTime != null,
    };
  }

  /**
   * The issuer of the certificate held (its row names it: no lookup), or the authority a reference or
   * document names, when it is registered here.
   */
  private async issuer(subject: Subject): Promise<Issuer | null> {
    const record = subject.record;
    if (record) {
      let country: Promise<string | undefined> | undefined;
      const lookUp = () => (country ??= this.authorities.findAuthorityByCode(record.issuingAuthorityCode).then((found) => found?.country));
      return { id: record.issuingAuthorityId, code: record.issuingAuthorityCode, country: lookUp };
    }
    const found = subject.issuerCode ? await this.authorities.findAuthorityByCode(subject.issuerCode) : null;
    return found && { id: found.id, code: found.code, country: async () => found.country };
  }

  private async signatureFacts(subject: Subject, authority: Issuer | null): Promise<SignatureFacts> {
    if (!subject.content) return subject.record ? { kind: 'UNSIGNED' } : { kind: 'NOT_FOUND' };
    if (!subject.cms && !subject.jws) return { kind: 'UNSIGNED' };
    const owner = authority ? { type: KeyOwnerType.AUTHORITY as const, authorityId: authority.id, code: authority.code } : null;
    const verified = subject.jws
      ? await this.credentialSignature(owner, subject)
      : await this.signatures.verifyWithContext({ owner, content: subject.content, cmsDer: subject.cms as Buffer, issueTime: subject.issueTime, signatureCheckMac: subject.record?.signatureCheckMac });
    return {
      kind: 'VERIFIED',
      cms: verified.result,
      issuer: !authority ? IssuerTrust.UNKNOWN_ISSUER : verified.expectedAnchors === 0 ? IssuerTrust.NO_ANCHOR : IssuerTrust.ANCHORED,
      issueTimeKnown: subject.issueTimeKnown,
      hubKeyNotRevoked: verified.hubKey === HubKeyRecord.NOT_REVOKED,
    };
  }

  /** The credential's JWS (jose, x5c judged like a CMS signer), and whether its subject is the record whose hash it states. */
  private async credentialSignature(owner: KeyOwner | null, subject: Subject): Promise<SignatureVerificationContext> {
    const context = await this.signatures.verifyJwsWithContext({ owner, jws: subject.jws as string, typ: VC_JWT_TYPE, issueTime: subject.issueTime });
    return { ...context, result: withStatedRecordHash(context.result, sha256Hex(subject.content as Buffer), subject.statedHash as string) };
  }

  private async recordFacts(record: CertificateRecord | null): Promise<RecordFacts> {
    if (!record) return { kind: 'NOT_FOUND' };
    return {
      kind: 'FOUND',
      status: record.status,
      importStatus: record.importStatus,
      expiresAt: record.expiresAt,
      replacedByNumber: record.replacedById ? await this.certificates.numberOf(record.replacedById) : null,
      documentHash: record.documentHash,
    };
  }

  private async quantityFacts(subject: Subject): Promise<QuantityFacts> {
    return subject.record ? { kind: 'BALANCES', balances: subject.balances } : { kind: 'NOT_FOUND' };
  }

  private async datasetFacts(subject: Subject, authority: Issuer | null, contentHash: string | null): Promise<DatasetFacts> {
    if (!subject.document || !contentHash) return { kind: 'NOT_FOUND' };
    return this.datasetRecheck.recheck(subject.document, {
      contentHash,
      issueTime: subject.issueTime,
      recordedProfile: subject.record?.profileVersion ?? null,
      // Judged by the rules it was issued under (a later rule only warns); a document the hub does
      // not hold, by the first rules version, which every issuer knew.
      rulesVersion: subject.record?.datasetVersion ?? FIRST_RULES_VERSION,
      issuerCode: authority?.code ?? null,
      issuerCountry: authority?.country ?? (async () => undefined),
    });
  }

  private claimedNumber(request: VerificationSubject): string | null {
    if (request.method === VerificationMethod.REFERENCE) return request.certificateNumber;
    if (request.method === VerificationMethod.DOCUMENT) return claimedIdentity(request.document)?.certificateNumber ?? null;
    if (request.method === VerificationMethod.CREDENTIAL) return claimedIdentity(request.credential.record)?.certificateNumber ?? null;
    return null;
  }

  private view(assessment: Assessment, scope: AnswerScope, record: CertificateRecord | null, now: Date, signatures: SignaturesView): VerificationView {
    const summary = record
      ? publicSummary(
          {
            certificateNumber: record.certificateNumber,
            copyNumber: record.copyNumber,
            issuingAuthorityCode: record.issuingAuthorityCode,
            issueDateTime: record.issueDateTime,
            expiresAt: record.expiresAt,
            exportCountry: record.exportCountry,
            importCountry: record.importCountry,
            status: record.status,
            document: record.document,
          },
          now,
        )
      : null;
    const answer: VerificationView = { verdict: assessment.verdict, scope, verifiedAt: now.toISOString(), summary };
    if (scope === AnswerScope.PUBLIC) return answer;
    const status = assessment.checks.find((c) => c.check === 'STATUS');
    return {
      ...answer,
      reasons: assessment.reasons,
      checks: assessment.checks,
      signatures,
      certificate: record && {
        id: record.id,
        issuingAuthority: record.issuingAuthorityCode,
        certificateNumber: record.certificateNumber,
        copyNumber: record.copyNumber,
        documentFunction: record.documentFunction,
        status: record.status,
        importStatus: record.importStatus,
        issueDateTime: record.issueDateTime?.toISOString() ?? null,
        expiresAt: record.expiresAt?.toISOString() ?? null,
        replacedBy: (status?.details?.replacedBy as string | null | undefined) ?? null,
        documentHash: record.documentHash,
        profileVersion: record.profileVersion,
      },
    };
  }
}
