import { ApiProperty } from '@nestjs/swagger';
import { CHECKPOINT_ALGORITHM, CHECKPOINT_FORMAT, SignedCheckpoint } from '../domain/audit-checkpoint';

export class AuditCheckpointView implements SignedCheckpoint {
  @ApiProperty({ example: CHECKPOINT_FORMAT }) format!: string;
  @ApiProperty({ example: '1042', description: 'The sequence number of the last entry it covers (decimal string)' }) seq!: string;
  @ApiProperty({ description: 'Hex SHA-256 of entry `seq`: the head of the chain at that point' }) head!: string;
  @ApiProperty({ example: '2026-11-27T08:00:01.123Z', description: 'When it was signed (UTC)' }) time!: string;
  @ApiProperty({ example: CHECKPOINT_ALGORITHM }) algorithm!: string;
  @ApiProperty({ description: 'Base64 signature with the node key over the RFC 8785 form of {format, head, seq, time}' }) signature!: string;
  @ApiProperty({ description: "Hex SHA-256 of the signer certificate's DER" }) keyId!: string;
  @ApiProperty({ description: 'The signer certificate (PEM)' }) certificate!: string;
}

export class AuditCheckpointPageView {
  @ApiProperty({ type: AuditCheckpointView, isArray: true, description: 'In sequence order' }) items!: AuditCheckpointView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `from` for the next page; null on the last page' }) nextFrom!: string | null;
}
