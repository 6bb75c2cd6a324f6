import { OmitType, PartialType } from '@nestjs/swagger';
import { RegisterPartnerDto } from './register-partner.dto';

/**
 * PATCH /v1/partners/{id}: the fields given replace the stored ones (`outboundAuth` as a whole;
 * within `retry` and `circuitBreaker`, the fields given). The code never changes. Setting `paused`
 * to false sends what waited. Every field is declared once, in RegisterPartnerDto; here each one
 * becomes optional but is still validated when present, so `null` is refused rather than taken as
 * "not given".
 */
export class UpdatePartnerDto extends PartialType(OmitType(RegisterPartnerDto, ['code'] as const), { skipNullProperties: false }) {}
