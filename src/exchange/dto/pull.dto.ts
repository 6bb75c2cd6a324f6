import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsObject, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalField } from './partner.validators';

export const PULL_LIMIT_MAX = 100;
export const PULL_DEFAULT_LEASE_MS = 60_000;

/** POST /v1/exchange/pull: how many envelopes, and how long the caller keeps them before they are served again. */
export class PullRequestDto {
  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: PULL_LIMIT_MAX, description: `The most envelopes to take (default ${PULL_LIMIT_MAX})` })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(PULL_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ example: PULL_DEFAULT_LEASE_MS, minimum: 1000, maximum: 3600000, description: 'The lease (ms, default 60000): an envelope not acknowledged by then is served again' })
  @OptionalField()
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  leaseMs?: number;
}

/** A refusal of one pulled envelope, in the form of the problem a receiver would have answered a push with. */
export class PullRefusalDto {
  @ApiProperty({ example: 'ENVELOPE_SIGNATURE_INVALID', description: "The receiver's problem code" })
  @IsDefined()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'code must be upper-case letters, digits and underscores (at most 64)' })
  code!: string;

  @ApiPropertyOptional({ example: 422, minimum: 400, maximum: 599, description: 'The HTTP status a push would have got (default 422): a 4xx other than 408 and 429 is final, as for push' })
  @OptionalField()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalField()
  @IsString()
  @Length(0, 1000)
  detail?: string;
}

export class PullAcknowledgementItemDto {
  @ApiProperty({ description: 'The envelope acknowledged or refused' })
  @IsDefined()
  @IsUUID()
  envelopeId!: string;

  @ApiPropertyOptional({ description: 'The acknowledgement, as a pushed envelope would have been answered (status, receivedAt, warnings, code, message)', type: Object })
  @ValidateIf((o: PullAcknowledgementItemDto) => o.acknowledgement !== undefined || o.refusal === undefined)
  @IsDefined({ message: 'each item has an acknowledgement or a refusal' })
  @IsObject()
  acknowledgement?: Record<string, unknown>;

  @ApiPropertyOptional({ type: PullRefusalDto })
  @ValidateIf((o: PullAcknowledgementItemDto) => o.refusal !== undefined)
  @ValidateBy({
    name: 'refusalOrAcknowledgement',
    validator: { validate: (_value, args) => (args?.object as PullAcknowledgementItemDto).acknowledgement === undefined, defaultMessage: () => 'an item has an acknowledgement or a refusal, not both' },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => PullRefusalDto)
  refusal?: PullRefusalDto;
}

/** POST /v1/exchange/pull/acknowledgements */
export class PullAcknowledgementsDto {
  @ApiProperty({ type: PullAcknowledgementItemDto, isArray: true, minItems: 1, maxItems: PULL_LIMIT_MAX })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PULL_LIMIT_MAX)
  @ValidateNested({ each: true })
  @Type(() => PullAcknowledgementItemDto)
  acknowledgements!: PullAcknowledgementItemDto[];
}

export class PullView {
  @ApiProperty({ type: Object, isArray: true, description: 'The envelopes, oldest first, each as it would have been POSTed (signed by this node)' }) envelopes!: Record<string, unknown>[];
  @ApiProperty({ description: 'Until when they are leased to the caller' }) leaseUntil!: string;
}

export enum PullItemResult {
  /** The acknowledgement or refusal settled the delivery (or, for a retryable refusal, scheduled it again). */
  RECORDED = 'RECORDED',
  /** The delivery was settled before: nothing changed. */
  ALREADY_SETTLED = 'ALREADY_SETTLED',
  /** Not taken: see the code. */
  REFUSED = 'REFUSED',
}

export class PullItemResultView {
  @ApiProperty() envelopeId!: string;
  @ApiProperty({ enum: PullItemResult, enumName: 'PullItemResult' }) result!: PullItemResult;
  @ApiPropertyOptional({ description: 'The delivery state after the item' }) deliveryStatus?: string;
  @ApiPropertyOptional({ example: 'PULL_ENVELOPE_UNKNOWN' }) code?: string;
  @ApiPropertyOptional() message?: string;
}

export class PullAcknowledgementsView {
  @ApiProperty({ type: PullItemResultView, isArray: true, description: 'One per item, in order' }) results!: PullItemResultView[];
}
