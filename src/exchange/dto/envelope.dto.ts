import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBase64, IsDefined, IsEnum, IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { MessageType } from '../domain/message-type';

const AUTHORITY = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/;

export class CertificateReferenceDto {
  @ApiProperty({ example: 'KH-MOC' }) @IsDefined() @IsString() @Matches(AUTHORITY, { message: 'issuingAuthority must be an authority code' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) @IsDefined() @IsString() @Length(1, 35) certificateNumber!: string;
  @ApiProperty({ example: 0 }) @IsDefined() @IsInt() @Min(0) copyNumber!: number;
}

export class DocumentReferenceDto {
  @ApiProperty({ type: CertificateReferenceDto }) @IsDefined() @ValidateNested() @Type(() => CertificateReferenceDto) certificate!: CertificateReferenceDto;
  @ApiProperty({ description: 'SHA-256 (hex) of the RFC 8785 document' }) @IsDefined() @Matches(/^[0-9a-f]{64}$/, { message: 'documentHash must be 64 lower-case hex digits' }) documentHash!: string;
}

export class EnvelopeSignatureDto {
  @ApiProperty({ example: 'RSA-SHA256' }) @IsDefined() @IsIn(['RSA-SHA256']) algorithm!: string;
  @ApiProperty({ description: "SHA-256 (hex) of the sender's node certificate" }) @IsDefined() @Matches(/^[0-9a-f]{64}$/, { message: 'keyId must be 64 lower-case hex digits' }) keyId!: string;
  @ApiProperty({ description: 'base64' }) @IsDefined() @IsString() @IsBase64() @Length(1, 4096) value!: string;
}

/**
 * The exchange envelope (DESIGN.md section 6) as a receiver checks its shape. Certificate messages
 * refer to a certificate; the payload is checked by what the message type needs, after the node
 * signature.
 */
export class EnvelopeDto {
  @ApiProperty({ example: '1.0' }) @IsDefined() @Equals('1.0', { message: 'specVersion must be "1.0"' }) specVersion!: string;
  @ApiProperty({ description: 'UUID, the idempotency key per sender' }) @IsDefined() @IsUUID('all') envelopeId!: string;
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' }) @IsDefined() @IsEnum(MessageType) type!: MessageType;
  @ApiProperty({ example: 'KH-MOC' }) @IsDefined() @IsString() @Matches(AUTHORITY, { message: 'from must be an authority code' }) from!: string;
  @ApiProperty({ example: 'JP-CUSTOMS' }) @IsDefined() @IsString() @Matches(AUTHORITY, { message: 'to must be an authority code' }) to!: string;
  @ApiProperty({ format: 'date-time' }) @IsDefined() @IsISO8601({ strict: true }) createdAt!: string;
  @ApiProperty({ type: DocumentReferenceDto }) @IsDefined() @ValidateNested() @Type(() => DocumentReferenceDto) refersTo!: DocumentReferenceDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsDefined() @IsObject() payload!: Record<string, unknown>;
  @ApiProperty({ type: EnvelopeSignatureDto }) @IsDefined() @ValidateNested() @Type(() => EnvelopeSignatureDto) signature!: EnvelopeSignatureDto;
}
