import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LineMatchStatus, MatchStatus, MismatchCode } from '../domain/match-status';
import type { MatchResult } from '../domain/match-declaration';
import type { ImportDeclarationEntity } from '../entities/import-declaration.entity';

export class MismatchView {
  @ApiProperty({ example: 'consignee.id', description: 'The declaration field (or line field) that differs' }) field!: string;
  @ApiProperty({ enum: MismatchCode }) code!: MismatchCode;
  @ApiProperty({ example: 'declared consignee JP-CN-999, the certificate names JP-CN-1234567890123' }) message!: string;
}

export class LineMatchView {
  @ApiProperty({ example: 1 }) lineNumber!: number;
  @ApiPropertyOptional({ nullable: true, example: 1, description: 'The certificate item the line was paired with' }) certificateItemNumber!: number | null;
  @ApiProperty({ enum: LineMatchStatus }) status!: LineMatchStatus;
  @ApiProperty({ type: MismatchView, isArray: true }) issues!: MismatchView[];
}

export class MatchedCertificateView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
}

export class ClaimedUseView {
  @ApiProperty({ example: 1 }) itemNumber!: number;
  @ApiProperty({ example: '25000', description: 'In the unit of the certificate item' }) quantity!: string;
  @ApiProperty({ example: 'KGM' }) unit!: string;
}

export class DeclarationMatchView {
  @ApiProperty({ enum: MatchStatus }) status!: MatchStatus;
  @ApiPropertyOptional({ type: MatchedCertificateView, nullable: true, description: 'The received certificate the declaration was matched with' }) certificate!: MatchedCertificateView | null;
  @ApiProperty({ type: MismatchView, isArray: true, description: 'Header fields that differ' }) fields!: MismatchView[];
  @ApiProperty({ type: LineMatchView, isArray: true }) lines!: LineMatchView[];
  @ApiProperty({ description: "Whether the claim was recorded as a use in the certificate's ledger (MATCHED only)" }) useRecorded!: boolean;
  @ApiProperty({ type: ClaimedUseView, isArray: true, description: 'The uses recorded' }) uses!: ClaimedUseView[];
}

export class ImportDeclarationView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'JP-IMP-2026-000042' }) declarationNumber!: string;
  @ApiProperty({ example: '2026-05-20' }) declarationDate!: string;
  @ApiProperty({ example: 'JP-CUSTOMS' }) customsAuthority!: string;
  @ApiProperty({ example: 'JP' }) importCountry!: string;
  @ApiPropertyOptional({ nullable: true }) ucr!: string | null;
  @ApiPropertyOptional({ nullable: true }) certificateNumber!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The declaration as received' }) declaration!: Record<string, unknown>;
  @ApiProperty({ type: DeclarationMatchView }) match!: DeclarationMatchView;
  @ApiProperty() recordedAt!: string;
}

export class ImportDeclarationPageView {
  @ApiProperty({ type: ImportDeclarationView, isArray: true }) items!: ImportDeclarationView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}

export function toDeclarationView(entity: ImportDeclarationEntity): ImportDeclarationView {
  const result = entity.matchResult as unknown as MatchResult;
  return {
    id: entity.id,
    declarationNumber: entity.declarationNumber,
    declarationDate: entity.declarationDate,
    customsAuthority: entity.customsAuthorityCode,
    importCountry: entity.importCountry,
    ucr: entity.ucr,
    certificateNumber: entity.certificateNumber,
    declaration: entity.declaration,
    match: { status: entity.matchStatus, certificate: result.certificate, fields: result.fields, lines: result.lines, useRecorded: entity.useRecorded, uses: entity.useRecorded ? result.uses : [] },
    recordedAt: entity.recordedAt.toISOString(),
  };
}
