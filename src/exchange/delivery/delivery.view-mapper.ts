import type { Acknowledgement } from '../domain/acknowledgement';
import { attemptErrorCode, deliveryErrorCode } from '../domain/delivery-error-code';
import { DeliveryAcknowledgementView, DeliveryView } from '../dto/delivery.view';
import { DeliveryAttemptEntity } from '../entities/delivery-attempt.entity';
import { DeliveryEntity } from '../entities/delivery.entity';

/** The whole delivery, as the operator sees it; what others see of it is certificates/domain/deliveries-view.ts. */
export function toDeliveryView(delivery: DeliveryEntity, attempts: DeliveryAttemptEntity[], partnerCode: string | null): DeliveryView {
  return {
    id: delivery.id,
    certificateId: delivery.certificateId,
    relatedCertificateId: delivery.relatedCertificateId,
    messageType: delivery.messageType,
    envelopeId: delivery.envelopeId,
    recipient: { route: delivery.route, country: delivery.recipientCountry, authority: delivery.recipientAuthority, partner: partnerCode },
    status: delivery.status,
    generation: delivery.generation,
    attemptCount: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastErrorCode: deliveryErrorCode(delivery.status, delivery.lastError),
    lastError: delivery.lastError,
    acknowledgement: delivery.acknowledgement && acknowledgementView(delivery.acknowledgement),
    acknowledgedAt: delivery.acknowledgedAt?.toISOString() ?? null,
    attempts: attempts.map((a) => ({
      number: a.number,
      generation: a.generation,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
      outcome: a.outcome,
      httpStatus: a.httpStatus,
      errorCode: attemptErrorCode(a.error),
      error: a.error,
      retryAfterMs: a.retryAfterMs,
    })),
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

// The receipt itself is read at GET /v1/deliveries/{id}/receipt; the view says whether there is one.
function acknowledgementView({ receipt, ...acknowledgement }: Acknowledgement): DeliveryAcknowledgementView {
  return { ...acknowledgement, receipt: receipt ? 'signed receipt' : 'unsigned acknowledgement' };
}
