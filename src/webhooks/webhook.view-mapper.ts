import type { WebhookDeliveryView, WebhookView } from './dto/webhook.view';
import type { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import type { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';

export function toWebhookView(s: WebhookSubscriptionEntity): WebhookView {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    filter: { agreement: s.filterAgreement, partnerCountry: s.filterPartnerCountry, certificateId: s.filterCertificateId },
    status: s.status,
    lastError: s.lastError,
    failingSince: s.failingSince?.toISOString() ?? null,
    disabledAt: s.disabledAt?.toISOString() ?? null,
    lastSequence: Number(s.lastSequence),
    previousSecretExpiresAt: s.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

export function toDeliveryView(d: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: d.id,
    messageId: d.messageId,
    eventType: d.eventType,
    sequence: d.sequence === null ? null : Number(d.sequence),
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
