import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ViolationView {
  @ApiProperty({ example: 'CO-HS-001' }) ruleId!: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty({ example: 'items[0].hsCode' }) path!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details as the hub sends them. */
export class ProblemView {
  @ApiProperty({ example: 'urn:ecoo-hub:problem:validation-failed' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() requestId?: string;
  @ApiPropertyOptional({ type: ViolationView, isArray: true }) violations?: ViolationView[];
}
