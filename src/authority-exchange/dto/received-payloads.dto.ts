import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ImportStatus } from '../../certificates/domain/certificate-status';
import { DECIMAL_STRING } from '../../dataset/validators/patterns';
import { VerificationResult } from '../domain/case-status';

// The payloads of the answers between authorities (src/exchange/domain/envelope.ts) as a receiver
// checks them: unknown fields refused, nothing converted. Null is allowed where the sender has nothing.
const AUTHORITY = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/;

export class UseLinePayloadDto {
  @IsDefined() @IsInt() @Min(1) @Max(99999) itemNumber!: number;
  @IsDefined() @IsString() @Length(1, 32) @Matches(DECIMAL_STRING) quantity!: string;
  @IsDefined() @IsString() @Matches(/^[A-Z0-9]{1,3}$/) unit!: string;
}

export class ImportStatusMovePayloadDto {
  @IsDefined() @IsEnum(ImportStatus) from!: ImportStatus;
  @IsDefined() @IsEnum(ImportStatus) to!: ImportStatus;
}

export class CustomsResponsePayloadDto {
  @IsDefined() @IsUUID('all') id!: string;
  @IsDefined() @IsIn(['ACCEPT', 'REJECT', 'USE', 'CASE_CLOSED']) decision!: 'ACCEPT' | 'REJECT' | 'USE' | 'CASE_CLOSED';
  @IsOptional() @IsString() @Length(0, 2000) reason!: string | null;
  @IsDefined() @IsArray() @ArrayMaxSize(999) @ValidateNested({ each: true }) @Type(() => UseLinePayloadDto) uses!: UseLinePayloadDto[];
  @IsDefined() @ValidateNested() @Type(() => ImportStatusMovePayloadDto) importStatus!: ImportStatusMovePayloadDto;
  @IsOptional() @IsUUID('all') caseId!: string | null;
  @IsOptional() @IsIn(['VERIFIED', 'REJECTED']) caseDecision!: 'VERIFIED' | 'REJECTED' | null;
  @IsDefined() @IsString() @Matches(AUTHORITY) respondedBy!: string;
  @IsDefined() @IsISO8601({ strict: true }) respondedAt!: string;
}

export class VerificationRequestPayloadDto {
  @IsDefined() @IsUUID('all') caseId!: string;
  @IsDefined() @IsString() @Length(1, 2000) reason!: string;
  @IsDefined() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 1000, { each: true }) questions!: string[];
  @IsDefined() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 500, { each: true }) requestedDocuments!: string[];
  @IsDefined() @IsString() @Matches(AUTHORITY) requestedBy!: string;
  @IsDefined() @IsISO8601({ strict: true }) requestedAt!: string;
  @IsOptional() @IsISO8601({ strict: true }) dueAt!: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(365) responseDays!: number | null;
  @IsDefined() @ValidateNested() @Type(() => ImportStatusMovePayloadDto) importStatus!: ImportStatusMovePayloadDto;
}

export class AttachmentPayloadDto {
  @IsDefined() @IsUUID('all') id!: string;
  @IsDefined() @IsString() @Length(1, 255) fileName!: string;
  @IsDefined() @IsString() @Length(1, 100) contentType!: string;
  @IsDefined() @IsInt() @Min(1) size!: number;
  @IsDefined() @Matches(/^[0-9a-f]{64}$/) sha256!: string;
  @IsDefined() @IsString() content!: string;
}

export class VerificationResponsePayloadDto {
  @IsDefined() @IsUUID('all') caseId!: string;
  @IsDefined() @IsEnum(VerificationResult) result!: VerificationResult;
  @IsOptional() @IsString() @Length(0, 4000) remarks!: string | null;
  @IsDefined() @IsString() @Matches(AUTHORITY) respondedBy!: string;
  @IsDefined() @IsISO8601({ strict: true }) respondedAt!: string;
  @IsDefined() @IsArray() @ValidateNested({ each: true }) @Type(() => AttachmentPayloadDto) attachments!: AttachmentPayloadDto[];
}
