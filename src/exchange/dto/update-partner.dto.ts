import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MessageType } from '../domain/message-type';
import { IsEndpointUrl, IsNodeCertificate, OptionalField } from './partner.validators';
import { CircuitBreakerDto, OutboundAuthDto, PartnerRouteDto, RetryPolicyDto } from './register-partner.dto';

/**
 * PATCH /v1/partners/{id}: the fields given replace the stored ones (`outboundAuth` as a whole;
 * within `retry` and `circuitBreaker`, the fields given). The code never changes. Setting `paused`
 * to false sends what waited.
 */
export class UpdatePartnerDto {
  @ApiPropertyOptional({ example: 'Japan e-CoO node (NACCS)' })
  @OptionalField()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'https://ecoo.example.jp' })
  @OptionalField()
  @IsEndpointUrl()
  endpointUrl?: string;

  @ApiPropertyOptional({ type: PartnerRouteDto, isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PartnerRouteDto)
  routes?: PartnerRouteDto[];

  @ApiPropertyOptional({ enum: MessageType, enumName: 'MessageType', isArray: true })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(Object.values(MessageType), { each: true, message: `each value in messageTypes must be one of ${Object.values(MessageType).join(', ')}` })
  messageTypes?: MessageType[];

  @ApiPropertyOptional({ type: OutboundAuthDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => OutboundAuthDto)
  outboundAuth?: OutboundAuthDto;

  @ApiPropertyOptional({ description: "The partner node's X.509 certificate (PEM, RSA)" })
  @OptionalField()
  @IsNodeCertificate()
  nodeCertificate?: string;

  @ApiPropertyOptional({ type: RetryPolicyDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => RetryPolicyDto)
  retry?: RetryPolicyDto;

  @ApiPropertyOptional({ example: 10000, minimum: 100, maximum: 120000 })
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

  @ApiPropertyOptional({ example: true })
  @OptionalField()
  @IsBoolean()
  paused?: boolean;
}
