import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { RenditionFormat } from '../../dataset/formats/rendition-format';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode } from '../../dataset/validators/country-code.validator';
import { MessageType } from '../domain/message-type';
import { OutboundAuthType } from '../domain/outbound-auth';
import { DeliveryMode } from '../domain/delivery-mode';
import { ReceiptPolicy } from '../receipts/domain/receipt-rules';
import { IsAuthorityOfRouteCountry, IsEndpointUrl, IsNodeCertificate, IsNotBelow, IsTokenOfBearerOnly, OptionalField } from './partner.validators';

const CODE = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,31}$/;
const CODE_MESSAGE = 'must look like JP-NACCS (country, hyphen, upper-case letters, digits and hyphens)';

export class PartnerRouteDto {
  @ApiProperty({ example: 'JP', description: 'Importing country (ISO 3166-1 alpha-2) whose certificates go to this partner' })
  @IsDefined()
  @IsCountryCode()
  country!: string;

  @ApiProperty({ example: 'JP-CUSTOMS', description: "The recipient authority in that country (the envelope's `to`)" })
  @IsDefined()
  @IsString()
  @Matches(CODE, { message: `authority ${CODE_MESSAGE}` })
  @IsAuthorityOfRouteCountry()
  authority!: string;
}

export class OutboundAuthDto {
  @ApiProperty({ enum: OutboundAuthType, enumName: 'OutboundAuthType', example: OutboundAuthType.BEARER, description: 'How this hub authenticates to the partner' })
  @IsDefined()
  @IsEnum(OutboundAuthType)
  type!: OutboundAuthType;

  @ApiPropertyOptional({ description: 'The bearer token (BEARER only): stored encrypted, never returned', minLength: 16, maxLength: 4096, writeOnly: true })
  @ValidateIf((o: OutboundAuthDto) => o.type === OutboundAuthType.BEARER || o.token !== undefined)
  @IsTokenOfBearerOnly()
  @IsString()
  @Length(16, 4096)
  @Matches(/^[\x21-\x7e]+$/, { message: 'token must be visible ASCII characters' })
  token?: string;
}

export class RetryPolicyDto {
  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 100, description: 'Attempts per delivery before it is FAILED (default 10)' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts?: number;

  @ApiPropertyOptional({ example: 2000, minimum: 10, maximum: 3600000, description: 'First backoff step in ms, doubled per attempt, with jitter (default 2000)' })
  @OptionalField()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  baseDelayMs?: number;

  @ApiPropertyOptional({ example: 600000, minimum: 10, maximum: 86400000, description: 'Longest backoff step in ms (default 600000)' })
  @OptionalField()
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  @IsNotBelow('baseDelayMs')
  maxDelayMs?: number;

  @ApiPropertyOptional({
    example: 172800000,
    minimum: 1000,
    maximum: 1209600000,
    description: 'For a PULL partner, the budget in time: a delivery not pulled and acknowledged this long (ms) after it became pending is FAILED (default 2 days)',
  })
  @OptionalField()
  @IsInt()
  @Min(1000)
  @Max(1_209_600_000)
  maxAgeMs?: number;
}

export class CircuitBreakerDto {
  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: 1000, description: 'Consecutive failed calls that open the circuit (default 5)' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1000)
  failureThreshold?: number;

  @ApiPropertyOptional({ example: 30000, minimum: 100, maximum: 86400000, description: 'How long an open circuit refuses calls before one probe (ms, default 30000)' })
  @OptionalField()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  cooldownMs?: number;
}

export class DeliverySettingsDto {
  @ApiPropertyOptional({ example: 64, minimum: 1, maximum: 1024, description: 'Calls in flight to this partner at once, across every worker process of the hub (default 64)' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1024)
  concurrency?: number;

  @ApiPropertyOptional({ example: 64, minimum: 1, maximum: 1024, description: 'Keep-alive connections to this partner per worker process (default 64)' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(1024)
  connections?: number;

  @ApiPropertyOptional({
    example: 500,
    minimum: 0,
    maximum: 1000000,
    description: 'The calls per second the partner takes, across every worker process; 0 (the default): no limit. A Retry-After it answers holds every call to it for that long',
  })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  maxPerSecond?: number;
}

export class PullFromDto {
  @ApiProperty({ example: 'https://ecoo.example.jp', description: "The partner's base URL: the hub takes envelopes from <url>/v1/exchange/pull with the outbound token and acknowledges them at <url>/v1/exchange/pull/acknowledgements" })
  @IsDefined()
  @IsEndpointUrl()
  url!: string;

  @ApiPropertyOptional({ example: 5000, minimum: 500, maximum: 3600000, description: 'How often the hub pulls (ms, default 5000); after failures it backs off as the retry policy says' })
  @OptionalField()
  @IsInt()
  @Min(500)
  @Max(3_600_000)
  everyMs?: number;
}

/** What the operator registers about a partner hub: its routes, endpoint, credentials both ways, node certificate and retry budget. */
export class RegisterPartnerDto {
  @ApiProperty({ example: 'JP-NACCS', description: `Partner code: ${CODE_MESSAGE}` })
  @IsDefined()
  @IsString()
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code!: string;

  @ApiProperty({ example: 'Japan e-CoO node (NACCS)' })
  @IsDefined()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'https://ecoo.example.jp', description: 'Base URL; envelopes are POSTed to <endpointUrl>/v1/exchange/envelopes. Required unless deliveryMode is PULL' })
  @ValidateIf((o: RegisterPartnerDto, value: unknown) => value !== undefined || o.deliveryMode !== DeliveryMode.PULL)
  @IsDefined({ message: 'endpointUrl is required unless deliveryMode is PULL' })
  @IsEndpointUrl()
  endpointUrl?: string;

  @ApiPropertyOptional({
    enum: DeliveryMode,
    enumName: 'DeliveryMode',
    example: DeliveryMode.PUSH,
    description:
      'PUSH (the default): the hub POSTs envelopes to the endpoint. PULL: they wait in the hub until the partner takes them (POST /v1/exchange/pull) and acknowledges them (POST /v1/exchange/pull/acknowledgements); no endpoint needed',
  })
  @OptionalField()
  @IsEnum(DeliveryMode)
  deliveryMode?: DeliveryMode;

  @ApiPropertyOptional({ type: PullFromDto, description: 'For a partner that only offers pull: the hub takes its envelopes from it, instead of waiting for them to be POSTed' })
  @OptionalField()
  @ValidateNested()
  @Type(() => PullFromDto)
  pullFrom?: PullFromDto;

  @ApiProperty({ type: PartnerRouteDto, isArray: true, description: 'The countries served and the authority that receives each one' })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartnerRouteDto)
  routes!: PartnerRouteDto[];

  @ApiProperty({ enum: MessageType, enumName: 'MessageType', isArray: true, example: [MessageType.CO_ISSUED, MessageType.CO_REPLACED, MessageType.CO_CANCELLED, MessageType.CO_DUPLICATE] })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(Object.values(MessageType), { each: true, message: `each value in messageTypes must be one of ${Object.values(MessageType).join(', ')}` })
  messageTypes!: MessageType[];

  @ApiProperty({ type: OutboundAuthDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => OutboundAuthDto)
  outboundAuth!: OutboundAuthDto;

  @ApiProperty({ description: "The partner node's X.509 certificate (PEM, RSA): its envelope signatures are checked against it" })
  @IsDefined()
  @IsNodeCertificate()
  nodeCertificate!: string;

  @ApiPropertyOptional({ type: RetryPolicyDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => RetryPolicyDto)
  retry?: RetryPolicyDto;

  @ApiPropertyOptional({ example: 10000, minimum: 100, maximum: 120000, description: 'Per-call timeout in ms (default 10000)' })
  @OptionalField()
  @IsInt()
  @Min(100)
  @Max(120_000)
  timeoutMs?: number;

  @ApiPropertyOptional({ type: CircuitBreakerDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => CircuitBreakerDto)
  circuitBreaker?: CircuitBreakerDto;

  @ApiPropertyOptional({ type: DeliverySettingsDto, description: 'How hard this hub may call the partner' })
  @OptionalField()
  @ValidateNested()
  @Type(() => DeliverySettingsDto)
  delivery?: DeliverySettingsDto;

  @ApiPropertyOptional({
    enum: RenditionFormat,
    enumName: 'RenditionFormat',
    isArray: true,
    example: [RenditionFormat.UBL],
    description:
      'Formats the partner reads besides the record (a capability, DESIGN.md section 6): its certificate envelopes carry, beside the record and its CMS, payload.renditions[] in these formats, each signed by the issuing authority (default none)',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(Object.values(RenditionFormat), { each: true, message: `each value in renditions must be one of ${Object.values(RenditionFormat).join(', ')}` })
  renditions?: RenditionFormat[];

  @ApiPropertyOptional({
    enum: ReceiptPolicy,
    enumName: 'ReceiptPolicy',
    example: ReceiptPolicy.SIGNED,
    description:
      "Signed receipts (a capability, DESIGN.md section 6), SIGNED by default: every acknowledgement the partner gives this hub must carry a receipt signed by the partner's node key, or the delivery ends FAILED with RECEIPT_INVALID after a few attempts; and this hub signs the acknowledgements it gives the partner. UNSIGNED for a partner whose hub does not sign receipts (a release before them)",
  })
  @OptionalField()
  @IsEnum(ReceiptPolicy)
  receipts?: ReceiptPolicy;

  @ApiPropertyOptional({ example: false, description: 'A paused partner gets its deliveries recorded but not sent (default false)' })
  @OptionalField()
  @IsBoolean()
  paused?: boolean;
}
