import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeclarationCountsView {
  @ApiProperty() total!: number;
  @ApiProperty() matched!: number;
  @ApiProperty() partial!: number;
  @ApiProperty() unmatched!: number;
  @ApiPropertyOptional({ nullable: true, description: 'matched / total', example: 0.82 }) matchRate!: number | null;
}

export class VerificationCountsView {
  @ApiProperty() total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { VALID: 12, INVALID: 1 } }) byVerdict!: Record<string, number>;
}

export class DeliveryCountsView {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'DELIVERED, DELIVERED_WITH_WARNINGS and DELIVERED_NOT_READABLE' }) delivered!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() unroutable!: number;
  @ApiPropertyOptional({ nullable: true, description: 'delivered / settled (not PENDING)' }) deliveredRate!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'failed / settled (not PENDING)' }) failedRate!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Creation to acknowledgement, median' }) latencyP50Ms!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Creation to acknowledgement, 95th percentile' }) latencyP95Ms!: number | null;
}

const breakdownDescription = 'totals, series (one entry per period, `period` = its first day), byPartner (`partner`: the partner node, LOCAL, NONE or UNROUTABLE) and byAgreement (`agreement`)';

export class StatsView {
  @ApiProperty({ example: '2026-04-20T00:00:00.000Z' }) from!: string;
  @ApiProperty({ example: '2026-05-21T00:00:00.000Z' }) to!: string;
  @ApiProperty({ enum: ['day', 'week', 'month'] }) granularity!: string;
  @ApiProperty({ example: 'ALL', description: 'ALL for the operator, else the authority whose slice this is' }) scope!: string;
  @ApiProperty({ description: `Import declarations by match status, with the match rate: ${breakdownDescription}`, type: 'object', additionalProperties: true })
  declarations!: unknown;
  @ApiProperty({ description: `Verifications answered, by verdict: ${breakdownDescription}; available is false on a hub without a verification log`, type: 'object', additionalProperties: true })
  verifications!: unknown;
  @ApiProperty({ description: `Deliveries by outcome, rates and latency: ${breakdownDescription}`, type: 'object', additionalProperties: true })
  deliveries!: unknown;
}
