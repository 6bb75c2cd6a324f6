import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AcknowledgementStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';
import { QuarantineReason } from '../entities/quarantined-envelope.entity';
import { AcknowledgementView } from './delivery.view';

export class InboundEnvelopeView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-HUB' }) partner!: string;
  @ApiProperty() envelopeId!: string;
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' }) type!: MessageType;
  @ApiProperty({ example: 'KH-MOC' }) from!: string;
  @ApiProperty({ example: 'JP-CUSTOMS' }) to!: string;
  @ApiProperty({ enum: AcknowledgementStatus, enumName: 'AcknowledgementStatus' }) status!: AcknowledgementStatus;
  @ApiProperty({ type: AcknowledgementView }) acknowledgement!: AcknowledgementView;
  @ApiProperty({ type: 'object', additionalProperties: true }) envelope!: Record<string, unknown>;
  @ApiProperty() receivedAt!: string;
}

export class QuarantinedEnvelopeView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true, example: 'KH-HUB' }) partner!: string | null;
  @ApiProperty({ enum: QuarantineReason, enumName: 'QuarantineReason' }) reason!: QuarantineReason;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ nullable: true }) envelopeId!: string | null;
  @ApiProperty({ description: 'The body as received, cut to a bound' }) body!: string;
  @ApiProperty() receivedAt!: string;
}
