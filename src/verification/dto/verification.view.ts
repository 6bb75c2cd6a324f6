import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckOutcome, Verdict, VerificationCheck, VerificationReason } from '../verify/domain/verification-codes';
import { AnswerScope } from '../verify/domain/answer-scope';

export class VerificationCheckView {
  @ApiProperty({ enum: VerificationCheck }) check!: VerificationCheck;
  @ApiProperty({ enum: CheckOutcome }) outcome!: CheckOutcome;
  @ApiProperty({ enum: VerificationReason, description: 'Stable reason code, the same from the command-line verifier' }) reason!: VerificationReason;
  @ApiProperty({ example: 'the document is exactly the one that was signed' }) message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class PublicSummaryView {
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiPropertyOptional({ nullable: true, example: '2026-11-27T08:30:00.000Z' }) issueDateTime!: string | null;
  @ApiProperty({ example: 'KH' }) exportCountry!: string;
  @ApiProperty({ example: 'JP' }) importCountry!: string;
  @ApiProperty({ type: String, isArray: true, example: ['100630'] }) hsCodes!: string[];
  @ApiProperty({ example: 'ISSUED', description: "The issuer's status (EXPIRED once the agreement's validity has passed)" }) status!: string;
}

export class VerifiedCertificateView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
  @ApiProperty({ example: 'ORIGINAL' }) documentFunction!: string;
  @ApiProperty({ example: 'ISSUED' }) status!: string;
  @ApiPropertyOptional({ nullable: true, example: 'ACCEPTED' }) importStatus!: string | null;
  @ApiPropertyOptional({ nullable: true }) issueDateTime!: string | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The number of the replacement, when REPLACED' }) replacedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) documentHash!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'RCEP@2022-01-01' }) profileVersion!: string | null;
}

export class SignatureSignerView {
  @ApiProperty({ example: 'CN=KH-MOC CO signer' }) subject!: string;
  @ApiProperty() serialNumber!: string;
  @ApiProperty() fingerprintSha256!: string;
}

export class SignatureChainView {
  @ApiProperty({ description: 'The signer chains to a trust anchor registered for the issuing authority' }) trusted!: boolean;
  @ApiPropertyOptional({ nullable: true }) trustAnchorFingerprintSha256!: string | null;
}

export class SignatureReportView {
  @ApiProperty() present!: boolean;
  @ApiProperty({ description: 'Verifies over its content, by a signer valid at the issue time, to a trusted chain' }) valid!: boolean;
  @ApiPropertyOptional({ type: SignatureSignerView, nullable: true }) signer!: SignatureSignerView | null;
  @ApiProperty({ type: SignatureChainView }) chain!: SignatureChainView;
  @ApiProperty({ type: String, isArray: true, example: [], description: 'Why not valid (the CMS reason codes; NOT_COVERED_BY_AUTHORITY for an exporter signature)' }) reasons!: string[];
}

export class ExporterSignatureReportView extends SignatureReportView {
  @ApiProperty({ description: "The authority's signature covers this exporter signature (signed attribute id-aa-contentReference)" }) coveredByAuthority!: boolean;
}

/** Both signatures of a certificate: the issuing body's certification and the exporter's declaration. */
export class SignaturesView {
  @ApiPropertyOptional({ nullable: true, example: 'APPLICATION_SIGNED_BY_EXPORTER', description: 'Which way the certificate was made (see CertificateView.issuedThrough)' }) issuedThrough!: string | null;
  @ApiProperty({ type: SignatureReportView, description: "The authority's signature over the document" }) authority!: SignatureReportView;
  @ApiProperty({ type: ExporterSignatureReportView, description: "The exporter's signature over its declaration; present: false when it declared through its API key or the authority issued directly" })
  exporter!: ExporterSignatureReportView;
}

/** The answer of a verification: every check for the importing customs, the issuer and the operator; verdict and summary for others. */
export class VerificationView {
  @ApiProperty({ enum: Verdict }) verdict!: Verdict;
  @ApiProperty({ enum: AnswerScope, description: 'FULL for the importing customs, the issuer and the operator; PUBLIC otherwise' }) scope!: AnswerScope;
  @ApiProperty() verifiedAt!: string;
  @ApiPropertyOptional({ type: PublicSummaryView, nullable: true, description: 'Null when the hub holds no such certificate' }) summary!: PublicSummaryView | null;
  @ApiPropertyOptional({ enum: VerificationReason, isArray: true, description: 'FULL only: the reason codes behind the verdict' }) reasons?: VerificationReason[];
  @ApiPropertyOptional({ type: VerificationCheckView, isArray: true, description: 'FULL only: every check, in order' }) checks?: VerificationCheckView[];
  @ApiPropertyOptional({ type: SignaturesView, description: "FULL only: both signatures, each with its own checks (present, valid, signer, chain)" }) signatures?: SignaturesView;
  @ApiPropertyOptional({ type: VerifiedCertificateView, nullable: true, description: 'FULL only: the certificate the hub holds' }) certificate?: VerifiedCertificateView | null;
}

export class VerifyCertificateRequestDto {
  @ApiPropertyOptional({ example: 'KH-MOC', description: 'By reference: the issuing authority' }) issuingAuthority?: string;
  @ApiPropertyOptional({ example: 'KH-RCEP-2026-000123', description: 'By reference: the certificate number' }) certificateNumber?: string;
  @ApiPropertyOptional({ example: 0, description: 'By reference: 0 for the original (default), 1.. for certified true copies' }) copyNumber?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'By document: the certificate document as JSON (its RFC 8785 form is what was signed)' })
  document?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'By document: the document bytes, base64 (instead of document)' }) documentBase64?: string;
  @ApiPropertyOptional({ description: 'By document: the detached CMS signature, base64 DER or PEM' }) signature?: string;
  @ApiPropertyOptional({
    description: 'By credential (alone): a W3C Verifiable Credential of a certificate as GET /v1/certificates/{id}/document?format=vc gives it, the compact JWS (typ vc+jwt, x5c)',
  })
  credential?: string;
}
