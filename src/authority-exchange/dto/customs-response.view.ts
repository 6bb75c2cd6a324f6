import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UseLineDto } from './customs-response.dto';
import type { CustomsResponseRecord } from '../entities/customs-response.entity';

export class ImportStatusMoveView {
  @ApiProperty({ example: 'RECEIVED' }) from!: string;
  @ApiProperty({ example: 'ACCEPTED' }) to!: string;
}

export class ItemBalanceView {
  @ApiProperty() itemNumber!: number;
  @ApiPropertyOptional({ nullable: true, example: 'KGM' }) unit!: string | null;
  @ApiPropertyOptional({ nullable: true, example: '25000' }) issued!: string | null;
  @ApiProperty({ example: '12500' }) used!: string;
  @ApiPropertyOptional({ nullable: true, example: '12500' }) remaining!: string | null;
}

export class CustomsResponseView {
  @ApiProperty({ description: 'The same id on both hubs; the reference of the uses it recorded' }) id!: string;
  @ApiProperty() certificateId!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
  @ApiProperty({ example: 'JP-CUSTOMS' }) responderAuthority!: string;
  @ApiProperty({ enum: ['ACCEPT', 'REJECT', 'USE', 'CASE_CLOSED'] }) decision!: string;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiProperty({ type: UseLineDto, isArray: true }) uses!: UseLineDto[];
  @ApiPropertyOptional({ nullable: true }) caseId!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['VERIFIED', 'REJECTED'] }) caseDecision!: string | null;
  @ApiProperty({ type: ImportStatusMoveView }) importStatus!: ImportStatusMoveView;
  @ApiProperty() respondedAt!: string;
  @ApiProperty({ enum: ['LOCAL', 'RECEIVED'] }) origin!: string;
  @ApiPropertyOptional({ nullable: true }) receivedFrom!: string | null;
  @ApiProperty({ type: String, isArray: true, description: 'What this hub could not apply of a received answer' }) warnings!: string[];
  @ApiPropertyOptional({ type: ItemBalanceView, isArray: true, description: 'For a use: what remains per item afterwards' }) balances?: ItemBalanceView[];
}

export function toCustomsResponseView(row: CustomsResponseRecord, balances?: ItemBalanceView[]): CustomsResponseView {
  return {
    id: row.id,
    certificateId: row.certificateId,
    issuingAuthority: row.issuingAuthority,
    certificateNumber: row.certificateNumber,
    copyNumber: row.copyNumber,
    responderAuthority: row.responderAuthority,
    decision: row.decision,
    reason: row.reason,
    uses: row.uses,
    caseId: row.caseId,
    caseDecision: row.caseDecision,
    importStatus: { from: row.importStatusFrom, to: row.importStatusTo },
    respondedAt: row.respondedAt.toISOString(),
    origin: row.origin,
    receivedFrom: row.receivedFrom,
    warnings: row.warnings,
    ...(balances ? { balances } : {}),
  };
}
