import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, Max, ValidateNested } from 'class-validator';
import { WebhookEventType } from '../domain/webhook-event-type';

export class WebhookFilterDto {
  @ApiPropertyOptional({ example: 'RCEP', description: 'Only certificates (and applications) under this agreement' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  agreement?: string;

  @ApiPropertyOptional({ example: 'JP', description: 'Only certificates exported to or imported from this country' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'partnerCountry must be an ISO 3166-1 alpha-2 code' })
  partnerCountry?: string;

  @ApiPropertyOptional({ description: 'Only this certificate' })
  @IsOptional()
  @IsUUID()
  certificateId?: string;
}

/** POST /v1/webhooks: where to send, which events, and an optional filter. */
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.example.org/hooks/ecoo', description: 'https in production; loopback, link-local and metadata addresses are refused unless the operator allows the host' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WebhookEventType, isArray: true, example: [WebhookEventType.CERTIFICATE_ISSUED] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  eventTypes!: WebhookEventType[];

  @ApiPropertyOptional({ type: WebhookFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookFilterDto)
  filter?: WebhookFilterDto;
}

/** POST /v1/webhooks/{id}/rotate-secret. */
export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ example: 86400, description: 'How long the old secret keeps signing beside the new one, in seconds (default a day, at most a week)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  overlapSeconds?: number;
}
