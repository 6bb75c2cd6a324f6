import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, ValidateIf, ValidateNested } from 'class-validator';
import { PullFromDto, RegisterPartnerDto } from './register-partner.dto';
import { OptionalField } from './partner.validators';

/**
 * PATCH /v1/partners/{id}: the fields given replace the stored ones (`outboundAuth` as a whole;
 * within `retry` and `circuitBreaker`, the fields given). The code never changes. Setting `paused`
 * to false sends what waited. Every field is declared once, in RegisterPartnerDto; here each one
 * becomes optional but is still validated when present, so `null` is refused rather than taken as
 * "not given".
 */
export class UpdatePartnerDto extends PartialType(OmitType(RegisterPartnerDto, ['code', 'pullFrom'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ type: PullFromDto, nullable: true, description: 'Where the hub pulls from, for a partner that only offers pull; null stops the pulls' })
  @ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null)
  @ValidateNested()
  @Type(() => PullFromDto)
  pullFrom?: PullFromDto | null;

  @ApiPropertyOptional({
    example: false,
    description:
      'false deactivates the partner at once, in every process: its inbound token stops authenticating, and its pending deliveries become UNROUTABLE (the operator redelivers them once another partner serves the destination); true reactivates it',
  })
  @OptionalField()
  @IsBoolean()
  active?: boolean;
}
