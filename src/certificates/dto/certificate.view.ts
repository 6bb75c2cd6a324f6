import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViolationView } from '../../core/http/problem.view';
import { CertificateOrigin, CertificateStatus, ImportStatus, IssuedThrough } from '../domain/certificate-status';
import { CertificateEntity } from '../entities/certificate.entity';

export class DocumentVersionsView {
  @ApiPropertyOptional({ example: '1' }) dataset!: string | null;
  @ApiPropertyOptional({ example: 'RCEP@2022-01-01' }) profile!: string | null;
  @ApiPropertyOptional({ example: 'HS2022' }) hs!: string | null;
}

export class CertificateView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 0, description: '0 for the original; 1, 2, ... for certified true copies' }) copyNumber!: number;
  @ApiProperty({ enum: ['ORIGINAL', 'REPLACEMENT', 'CANCELLATION', 'DUPLICATE'] }) documentFunction!: string;
  @ApiProperty({ enum: CertificateStatus }) status!: CertificateStatus;
  @ApiPropertyOptional({ enum: ImportStatus, nullable: true }) importStatus!: ImportStatus | null;
  @ApiPropertyOptional({ nullable: true }) issueDateTime!: string | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: DocumentVersionsView }) versions!: DocumentVersionsView;
  @ApiPropertyOptional({ nullable: true, description: 'SHA-256 of the RFC 8785 canonical document, once issued' }) documentHash!: string | null;
  @ApiPropertyOptional({ nullable: true }) replacesId!: string | null;
  @ApiPropertyOptional({ nullable: true }) replacedById!: string | null;
  @ApiPropertyOptional({ nullable: true }) cancellationReason!: string | null;
  @ApiProperty({ type: ViolationView, isArray: true, description: 'Rule warnings the content passed with' }) warnings!: ViolationView[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The certificate document (common dataset v1)' }) document!: Record<string, unknown>;
  @ApiProperty({ enum: CertificateOrigin, description: 'LOCAL: issued through this hub; RECEIVED: sent by a partner hub' }) origin!: CertificateOrigin;
  @ApiPropertyOptional({ nullable: true }) receivedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'KH-HUB', description: 'The partner node a received copy came from' }) receivedFrom!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: "For a received copy: the issuer's signature as checked on receipt ({ valid, reasons, checkedAt })",
  })
  signatureCheck!: Record<string, unknown> | null;
  @ApiProperty({
    enum: IssuedThrough,
    enumName: 'IssuedThrough',
    description:
      'Which way the certificate was made: AUTHORITY_DIRECTLY (its authority created and issued it; every certificate issued before exporters could apply), APPLICATION_SIGNED_BY_EXPORTER (an exporter applied and signed its declaration with its own key) or APPLICATION_THROUGH_EXPORTER_API_KEY (an exporter applied and made its declaration through its authenticated API key)',
  })
  issuedThrough!: IssuedThrough;
  @ApiPropertyOptional({ nullable: true, description: "The exporter's application it was issued on" }) applicationId!: string | null;
  @ApiProperty({ description: "Whether the exporter's own signature of its declaration travels with the certificate (GET /v1/certificates/{id}/exporter-signature)" })
  exporterSigned!: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Opens the public verification page, /verify/{token}; printed as the QR code of the PDF' }) verificationToken!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CertificatePageView {
  @ApiProperty({ type: CertificateView, isArray: true }) items!: CertificateView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}

export class CertificateEventView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'ISSUED' }) type!: string;
  @ApiPropertyOptional({ nullable: true }) fromStatus!: string | null;
  @ApiPropertyOptional({ nullable: true }) toStatus!: string | null;
  @ApiProperty({ example: 'authority:KH-MOC' }) actor!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export function toCertificateView(entity: CertificateEntity): CertificateView {
  return {
    id: entity.id,
    issuingAuthority: entity.issuingAuthorityCode,
    certificateNumber: entity.certificateNumber,
    copyNumber: entity.copyNumber,
    documentFunction: entity.documentFunction,
    status: entity.status,
    importStatus: entity.importStatus,
    issueDateTime: entity.issueDateTime?.toISOString() ?? null,
    expiresAt: entity.expiresAt?.toISOString() ?? null,
    versions: { dataset: entity.datasetVersion, profile: entity.profileVersion, hs: entity.hsVersion },
    documentHash: entity.documentHash,
    replacesId: entity.replacesId,
    replacedById: entity.replacedById,
    cancellationReason: entity.cancellationReason,
    warnings: entity.warnings as ViolationView[],
    document: entity.document,
    origin: entity.origin,
    receivedAt: entity.receivedAt?.toISOString() ?? null,
    receivedFrom: entity.receivedFrom,
    signatureCheck: entity.signatureCheck,
    verificationToken: entity.verificationToken ?? null,
    issuedThrough: entity.issuedThrough ?? IssuedThrough.AUTHORITY_DIRECTLY,
    applicationId: entity.applicationId ?? null,
    exporterSigned: !!entity.exporterSignatureCms,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
