import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WebhookFilterView {
  @ApiPropertyOptional({ nullable: true }) agreement!: string | null;
  @ApiPropertyOptional({ nullable: true }) partnerCountry!: string | null;
  @ApiPropertyOptional({ nullable: true }) certificateId!: string | null;
}

export class WebhookView {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ type: WebhookFilterView }) filter!: WebhookFilterView;
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The last failed attempt: the HTTP status or the network error' }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Since when every attempt failed' }) failingSince!: string | null;
  @ApiPropertyOptional({ nullable: true }) disabledAt!: string | null;
  @ApiProperty({ description: 'The sequence number of the last delivery sent' }) lastSequence!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Until when the secret before the last rotation still signs' }) previousSecretExpiresAt!: string | null;
  @ApiProperty() createdAt!: string;
}

/** The subscription and its signing secret, shown this once. */
export class CreatedWebhookView extends WebhookView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Shown once: verify the webhook-signature header with it (Standard Webhooks)' })
  secret!: string;
}

export class WebhookAttemptView {
  @ApiProperty() at!: string;
  @ApiPropertyOptional({ nullable: true }) status!: number | null;
  @ApiPropertyOptional({ nullable: true }) error!: string | null;
  @ApiProperty() durationMs!: number;
}

export class WebhookDeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The webhook-id header: the same on every attempt and redelivery' }) messageId!: string;
  @ApiProperty() eventType!: string;
  @ApiPropertyOptional({ nullable: true }) sequence!: number | null;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'SKIPPED'] }) status!: string;
  @ApiProperty({ type: [WebhookAttemptView] }) attempts!: WebhookAttemptView[];
  @ApiPropertyOptional({ nullable: true }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) deliveredAt!: string | null;
  @ApiProperty() createdAt!: string;
}
