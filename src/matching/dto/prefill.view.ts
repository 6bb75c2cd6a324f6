import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CertificateStatus, ImportStatus } from '../../certificates/domain/certificate-status';

export class PrefillCertificateView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
  @ApiPropertyOptional({ nullable: true }) issueDateTime!: string | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt!: string | null;
  @ApiProperty({ enum: CertificateStatus }) status!: CertificateStatus;
  @ApiPropertyOptional({ enum: ImportStatus, nullable: true }) importStatus!: ImportStatus | null;
  @ApiProperty() preferential!: boolean;
  @ApiPropertyOptional({ nullable: true, example: 'RCEP' }) agreement!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'KH-HUB', description: 'The partner node it came from; null when issued through this hub' }) receivedFrom!: string | null;
}

export class OtherCertificateView {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() issuingAuthority!: string;
  @ApiProperty() copyNumber!: number;
  @ApiProperty({ enum: CertificateStatus }) status!: CertificateStatus;
}

export class PrefillView {
  @ApiProperty({ type: PrefillCertificateView, description: 'The certificate the fields come from' }) certificate!: PrefillCertificateView;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The fields of POST /v1/import-declarations the certificate answers (ucr, certificateNumber, issuingAuthority, agreement, consignee, lines); add declarationNumber and declarationDate',
  })
  declaration!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'The exporter, as the supplier' }) supplier!: unknown;
  @ApiPropertyOptional({ nullable: true, example: 'KH' }) exportCountry!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Per item: origin criterion, FOB value and currency, gross weight, and what remains to claim',
  })
  items!: unknown[];
  @ApiProperty({ type: OtherCertificateView, isArray: true, description: 'Other certificates answering the same UCR or number (a replaced original, a certified true copy)' })
  otherCertificates!: OtherCertificateView[];
}
