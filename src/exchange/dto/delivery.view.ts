import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AcknowledgementStatus, AttemptOutcome, DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';

export class DeliveryRecipientView {
  @ApiProperty({ enum: DeliveryRoute, enumName: 'DeliveryRoute', description: 'PARTNER over HTTP, LOCAL on this hub, NONE while unroutable' }) route!: DeliveryRoute;
  @ApiProperty({ example: 'JP' }) country!: string;
  @ApiPropertyOptional({ example: 'JP-CUSTOMS', nullable: true }) authority!: string | null;
  @ApiPropertyOptional({ example: 'JP-NACCS', nullable: true, description: 'The partner code' }) partner!: string | null;
}

export class AcknowledgementWarningView {
  @ApiPropertyOptional({ example: 'CO-HS-001' }) ruleId?: string;
  @ApiPropertyOptional({ example: 'items[0].hsCode' }) path?: string;
  @ApiProperty() message!: string;
}

export class AcknowledgementView {
  @ApiProperty({ enum: AcknowledgementStatus, enumName: 'AcknowledgementStatus' }) status!: AcknowledgementStatus;
  @ApiProperty() envelopeId!: string;
  @ApiPropertyOptional({ description: "The receiver's receipt time, as it said" }) receivedAt?: string;
  @ApiPropertyOptional() message?: string;
  @ApiProperty({ type: AcknowledgementWarningView, isArray: true }) warnings!: AcknowledgementWarningView[];
}

export class DeliveryAttemptView {
  @ApiProperty({ example: 1, description: 'Attempt number within its generation' }) number!: number;
  @ApiProperty({ example: 0, description: 'Bumped by each operator redelivery' }) generation!: number;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ nullable: true }) finishedAt!: string | null;
  @ApiProperty({ enum: AttemptOutcome, enumName: 'AttemptOutcome' }) outcome!: AttemptOutcome;
  @ApiPropertyOptional({ nullable: true, example: 503 }) httpStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, example: 'HTTP 503' }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, description: "The partner's Retry-After, in ms" }) retryAfterMs!: number | null;
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The certificate the message is about' }) certificateId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The original a replacement replaces or a duplicate copies' }) relatedCertificateId!: string | null;
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' }) messageType!: MessageType;
  @ApiProperty() envelopeId!: string;
  @ApiProperty({ type: DeliveryRecipientView }) recipient!: DeliveryRecipientView;
  @ApiProperty({ enum: DeliveryStatus, enumName: 'DeliveryStatus' }) status!: DeliveryStatus;
  @ApiProperty({ example: 0 }) generation!: number;
  @ApiProperty({ example: 1, description: 'Attempts in the current generation (what the retry budget counts)' }) attemptCount!: number;
  @ApiPropertyOptional({ nullable: true }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({ type: AcknowledgementView, nullable: true }) acknowledgement!: AcknowledgementView | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: DeliveryAttemptView, isArray: true, description: 'Every attempt, oldest first' }) attempts!: DeliveryAttemptView[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RedeliveryView {
  @ApiProperty({ example: 3, description: 'Deliveries sent again' }) redelivered!: number;
  @ApiProperty({ isArray: true, type: String }) deliveryIds!: string[];
}
