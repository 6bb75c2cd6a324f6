/** The events a subscription may ask for (POST /v1/webhooks `eventTypes`). */
export enum WebhookEventType {
  APPLICATION_STATUS_CHANGED = 'application.status_changed',
  CERTIFICATE_ISSUED = 'certificate.issued',
  CERTIFICATE_REPLACED = 'certificate.replaced',
  CERTIFICATE_CANCELLED = 'certificate.cancelled',
  CERTIFICATE_EXPIRED = 'certificate.expired',
  CERTIFICATE_IMPORT_STATUS_CHANGED = 'certificate.import_status_changed',
  /** A message about the certificate reached its recipient (a partner hub, or customs served here). */
  CERTIFICATE_DELIVERED = 'certificate.delivered',
  /** A message about the certificate could not be delivered (its retries spent, or refused). */
  CERTIFICATE_DELIVERY_FAILED = 'certificate.delivery_failed',
  VERIFICATION_CASE_OPENED = 'verification_case.opened',
  VERIFICATION_CASE_ANSWERED = 'verification_case.answered',
  VERIFICATION_CASE_OVERDUE = 'verification_case.overdue',
  /** One of the owner's subscriptions was disabled after its receiver failed for too long. */
  WEBHOOK_DISABLED = 'webhook.disabled',
}

/** Where a hub event comes from: a row of certificate_events or of application_events, or a delivery's outcome. */
export enum HubEventSource {
  CERTIFICATE = 'certificate',
  APPLICATION = 'application',
  DELIVERY = 'delivery',
}

/** A history entry as the hub's outbox copied it, in the change's transaction. */
export interface HubEvent {
  source: HubEventSource;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
}

// The certificate history's types (certificates/domain/certificate-status.ts CertificateEventType),
// named here by value: a type added there is heard by nobody until it is listed.
const CERTIFICATE_TYPES: Partial<Record<string, WebhookEventType>> = {
  ISSUED: WebhookEventType.CERTIFICATE_ISSUED,
  REPLACED: WebhookEventType.CERTIFICATE_REPLACED,
  CANCELLED: WebhookEventType.CERTIFICATE_CANCELLED,
  EXPIRED: WebhookEventType.CERTIFICATE_EXPIRED,
  IMPORT_STATUS_CHANGED: WebhookEventType.CERTIFICATE_IMPORT_STATUS_CHANGED,
  VERIFICATION_REQUESTED: WebhookEventType.VERIFICATION_CASE_OPENED,
  VERIFICATION_RESPONDED: WebhookEventType.VERIFICATION_CASE_ANSWERED,
  VERIFICATION_OVERDUE: WebhookEventType.VERIFICATION_CASE_OVERDUE,
};

// Events that move the importing customs' state as a side of their own message.
const MOVES_IMPORT_STATUS = new Set(['CUSTOMS_RESPONSE', 'VERIFICATION_CLOSED']);

/** The webhook event a history entry is, or undefined when subscribers hear nothing of it. */
export function webhookEventTypeOf(event: HubEvent): WebhookEventType | undefined {
  if (event.source === HubEventSource.APPLICATION) {
    return event.toStatus !== null && event.toStatus !== event.fromStatus ? WebhookEventType.APPLICATION_STATUS_CHANGED : undefined;
  }
  if (event.source === HubEventSource.DELIVERY) {
    if (event.toStatus === 'FAILED') return WebhookEventType.CERTIFICATE_DELIVERY_FAILED;
    return event.toStatus?.startsWith('DELIVERED') ? WebhookEventType.CERTIFICATE_DELIVERED : undefined;
  }
  const named = CERTIFICATE_TYPES[event.type];
  if (named) return named;
  if (MOVES_IMPORT_STATUS.has(event.type) && event.toStatus !== null && event.toStatus !== event.fromStatus) return WebhookEventType.CERTIFICATE_IMPORT_STATUS_CHANGED;
  return undefined;
}
