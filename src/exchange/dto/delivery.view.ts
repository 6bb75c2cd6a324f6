import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeliveryErrorCode } from '../domain/delivery-error-code';
import { AcknowledgementStatus, AttemptOutcome, DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';

// What a certificate's deliveries show depends on who asks (certificates/domain/deliveries-view.ts):
// the operator sees everything, the issuer and the importing customs everything but the transport's
// own error text, a trader the delivery of the certificate to its importing country.
const NOT_FOR_TRADERS = 'Absent for traders';

export class DeliveryRecipientView {
  @ApiPropertyOptional({ enum: DeliveryRoute, enumName: 'DeliveryRoute', description: `PARTNER over HTTP, LOCAL on this hub, NONE while unroutable. ${NOT_FOR_TRADERS}` }) route?: DeliveryRoute;
  @ApiProperty({ example: 'JP' }) country!: string;
  @ApiPropertyOptional({ example: 'JP-CUSTOMS', nullable: true }) authority!: string | null;
  @ApiPropertyOptional({ example: 'JP-NACCS', nullable: true, description: `The partner code. ${NOT_FOR_TRADERS}` }) partner?: string | null;
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
  @ApiPropertyOptional({
    description:
      'The receiving node\'s signed receipt: a compact JWS (RS256, header x5t#S256 naming its node certificate) over the RFC 8785 form of {envelopeId, envelopeSha256 (of the whole envelope as received, signature included), status, reasonCodes, receivedAt}',
  })
  receipt?: string;
}

export type AcknowledgementProof = 'signed receipt' | 'unsigned acknowledgement';

/** The acknowledgement of a delivery: a trader sees its status and time only. */
export class DeliveryAcknowledgementView {
  @ApiProperty({ enum: AcknowledgementStatus, enumName: 'AcknowledgementStatus' }) status!: AcknowledgementStatus;
  @ApiPropertyOptional({ description: NOT_FOR_TRADERS }) envelopeId?: string;
  @ApiPropertyOptional({ description: "The receiver's receipt time, as it said" }) receivedAt?: string;
  @ApiPropertyOptional({ description: `Why a message was kept unread, as the receiver's code. ${NOT_FOR_TRADERS}` }) code?: string;
  @ApiPropertyOptional({ description: NOT_FOR_TRADERS }) message?: string;
  @ApiPropertyOptional({ type: AcknowledgementWarningView, isArray: true, description: NOT_FOR_TRADERS }) warnings?: AcknowledgementWarningView[];
  @ApiPropertyOptional({
    enum: ['signed receipt', 'unsigned acknowledgement'],
    description: `"signed receipt": the receiving node signed what it received, and the receipt is kept (GET /v1/deliveries/{id}/receipt); "unsigned acknowledgement": its word only. ${NOT_FOR_TRADERS}`,
  })
  receipt?: AcknowledgementProof;
}

export class DeliveryAttemptView {
  @ApiProperty({ example: 1, description: 'Attempt number within its generation' }) number!: number;
  @ApiProperty({ example: 0, description: 'Bumped by each operator redelivery' }) generation!: number;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ nullable: true }) finishedAt!: string | null;
  @ApiProperty({ enum: AttemptOutcome, enumName: 'AttemptOutcome' }) outcome!: AttemptOutcome;
  @ApiPropertyOptional({ nullable: true, example: 503 }) httpStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, enum: DeliveryErrorCode, enumName: 'DeliveryErrorCode', example: DeliveryErrorCode.PARTNER_ERROR, description: 'Why the attempt failed' })
  errorCode!: DeliveryErrorCode | null;
  @ApiPropertyOptional({ nullable: true, example: 'HTTP 503 SIMULATED_503', description: "The transport's own words: the operator's only" }) error?: string | null;
  @ApiPropertyOptional({ nullable: true, description: "The partner's Retry-After, in ms" }) retryAfterMs!: number | null;
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The certificate the message is about' }) certificateId!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The original a replacement replaces or a duplicate copies' }) relatedCertificateId!: string | null;
  @ApiProperty({ enum: MessageType, enumName: 'MessageType' }) messageType!: MessageType;
  @ApiPropertyOptional({ description: NOT_FOR_TRADERS }) envelopeId?: string;
  @ApiProperty({ type: DeliveryRecipientView }) recipient!: DeliveryRecipientView;
  @ApiProperty({ enum: DeliveryStatus, enumName: 'DeliveryStatus' }) status!: DeliveryStatus;
  @ApiPropertyOptional({ example: 0, description: NOT_FOR_TRADERS }) generation?: number;
  @ApiProperty({ example: 1, description: 'Attempts in the current generation (what the retry budget counts)' }) attemptCount!: number;
  @ApiPropertyOptional({ nullable: true }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: DeliveryErrorCode,
    enumName: 'DeliveryErrorCode',
    example: DeliveryErrorCode.PARTNER_UNREACHABLE,
    description: 'Why it is not delivered (yet): FAILED carries RETRY_BUDGET_SPENT or the final refusal, UNROUTABLE carries NO_ROUTE',
  })
  lastErrorCode!: DeliveryErrorCode | null;
  @ApiPropertyOptional({ nullable: true, description: "The transport's own words for the last failure: the operator's only" }) lastError?: string | null;
  @ApiPropertyOptional({ type: DeliveryAcknowledgementView, nullable: true }) acknowledgement!: DeliveryAcknowledgementView | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: DeliveryAttemptView, isArray: true, description: `Every attempt, oldest first. ${NOT_FOR_TRADERS}` }) attempts?: DeliveryAttemptView[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RedeliveryView {
  @ApiProperty({ example: 3, description: 'Deliveries sent again' }) redelivered!: number;
  @ApiProperty({ isArray: true, type: String }) deliveryIds!: string[];
}
