import { DeliveryErrorCode } from '../../../exchange/domain/delivery-error-code';
import { AcknowledgementStatus, AttemptOutcome, DeliveryRoute, DeliveryStatus } from '../../../exchange/domain/delivery-status';
import { MessageType } from '../../../exchange/domain/message-type';
import type { DeliveryView } from '../../../exchange/dto/delivery.view';

export const CERTIFICATE_ID = 'cert-1';
const AT = '2026-11-27T10:00:00.000Z';

function delivery(id: string, messageType: MessageType, recipient: DeliveryView['recipient'], overrides: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id,
    certificateId: CERTIFICATE_ID,
    relatedCertificateId: null,
    messageType,
    envelopeId: `env-${id}`,
    recipient,
    status: DeliveryStatus.DELIVERED,
    generation: 0,
    attemptCount: 1,
    nextAttemptAt: null,
    lastErrorCode: null,
    lastError: null,
    acknowledgement: { status: AcknowledgementStatus.DELIVERED, envelopeId: `env-${id}`, receivedAt: AT, warnings: [] },
    acknowledgedAt: AT,
    attempts: [{ number: 1, generation: 0, startedAt: AT, finishedAt: AT, outcome: AttemptOutcome.ACKNOWLEDGED, httpStatus: null, errorCode: null, error: null, retryAfterMs: null }],
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

const local = (country: string, authority: string) => ({ route: DeliveryRoute.LOCAL, country, authority, partner: null });

/**
 * The deliveries of a certificate of KH-MOC for Japan on a shared hub: to JP-CUSTOMS here and, through
 * the partner node JP-NACCS (unreachable), to JP-NACCS-CUSTOMS; the answers between JP-CUSTOMS and the
 * ministry; the replacement that moved the goods to Viet Nam, told to both countries.
 */
export function sharedHubDeliveries(): DeliveryView[] {
  return [
    delivery('d1', MessageType.CO_ISSUED, local('JP', 'JP-CUSTOMS')),
    delivery(
      'd2',
      MessageType.CO_ISSUED,
      { route: DeliveryRoute.PARTNER, country: 'JP', authority: 'JP-NACCS-CUSTOMS', partner: 'JP-NACCS' },
      {
        status: DeliveryStatus.FAILED,
        lastErrorCode: DeliveryErrorCode.RETRY_BUDGET_SPENT,
        lastError: 'network error ECONNREFUSED 10.0.0.5:443; the retry budget of 1 attempts is spent',
        acknowledgement: null,
        acknowledgedAt: null,
        attempts: [
          { number: 1, generation: 0, startedAt: AT, finishedAt: AT, outcome: AttemptOutcome.RETRY, httpStatus: null, errorCode: DeliveryErrorCode.PARTNER_UNREACHABLE, error: 'network error ECONNREFUSED 10.0.0.5:443', retryAfterMs: null },
        ],
      },
    ),
    delivery('d3', MessageType.CUSTOMS_RESPONSE, local('KH', 'KH-MOC')),
    delivery('d4', MessageType.VERIFICATION_REQUEST, local('KH', 'KH-MOC')),
    delivery('d5', MessageType.VERIFICATION_RESPONSE, local('JP', 'JP-CUSTOMS'), {
      acknowledgement: { status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, envelopeId: 'env-d5', receivedAt: AT, message: 'kept', warnings: [{ message: 'attachment 2 unread' }] },
    }),
    delivery('d6', MessageType.CO_REPLACED, local('JP', 'JP-CUSTOMS'), { certificateId: 'cert-2', relatedCertificateId: CERTIFICATE_ID }),
    delivery('d7', MessageType.CO_REPLACED, local('VN', 'VN-CUSTOMS'), { certificateId: 'cert-2', relatedCertificateId: CERTIFICATE_ID }),
  ];
}
