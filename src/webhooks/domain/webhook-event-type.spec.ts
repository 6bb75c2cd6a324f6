import { HubEventSource, WebhookEventType, webhookEventTypeOf } from './webhook-event-type';

const certificate = (type: string, fromStatus: string | null = null, toStatus: string | null = null) => ({ source: HubEventSource.CERTIFICATE, type, fromStatus, toStatus });

describe('which history entries subscribers hear of', () => {
  it('names the certificate lifecycle and the verification cases', () => {
    expect(webhookEventTypeOf(certificate('ISSUED'))).toBe(WebhookEventType.CERTIFICATE_ISSUED);
    expect(webhookEventTypeOf(certificate('REPLACED'))).toBe(WebhookEventType.CERTIFICATE_REPLACED);
    expect(webhookEventTypeOf(certificate('CANCELLED'))).toBe(WebhookEventType.CERTIFICATE_CANCELLED);
    expect(webhookEventTypeOf(certificate('EXPIRED'))).toBe(WebhookEventType.CERTIFICATE_EXPIRED);
    expect(webhookEventTypeOf(certificate('VERIFICATION_REQUESTED'))).toBe(WebhookEventType.VERIFICATION_CASE_OPENED);
    expect(webhookEventTypeOf(certificate('VERIFICATION_RESPONDED'))).toBe(WebhookEventType.VERIFICATION_CASE_ANSWERED);
    expect(webhookEventTypeOf(certificate('VERIFICATION_OVERDUE'))).toBe(WebhookEventType.VERIFICATION_CASE_OVERDUE);
  });

  it('hears an import status change, also when a customs response or a closed case moves it, and not when nothing moved', () => {
    expect(webhookEventTypeOf(certificate('IMPORT_STATUS_CHANGED', 'RECEIVED', 'ACCEPTED'))).toBe(WebhookEventType.CERTIFICATE_IMPORT_STATUS_CHANGED);
    expect(webhookEventTypeOf(certificate('CUSTOMS_RESPONSE', 'RECEIVED', 'ACCEPTED'))).toBe(WebhookEventType.CERTIFICATE_IMPORT_STATUS_CHANGED);
    expect(webhookEventTypeOf(certificate('VERIFICATION_CLOSED', 'DISPUTED', 'VERIFIED'))).toBe(WebhookEventType.CERTIFICATE_IMPORT_STATUS_CHANGED);
    expect(webhookEventTypeOf(certificate('CUSTOMS_RESPONSE', 'ACCEPTED', 'ACCEPTED'))).toBeUndefined();
  });

  it('hears nothing of drafts, ledger uses or types it does not list', () => {
    for (const type of ['CREATED', 'UPDATED', 'USE_RECORDED', 'DUPLICATED', 'SOMETHING_NEW']) expect(webhookEventTypeOf(certificate(type))).toBeUndefined();
  });

  it("hears how a certificate's messages fared", () => {
    const delivery = (toStatus: string) => ({ source: HubEventSource.DELIVERY, type: 'CO_ISSUED', fromStatus: 'PENDING', toStatus });
    expect(webhookEventTypeOf(delivery('DELIVERED'))).toBe(WebhookEventType.CERTIFICATE_DELIVERED);
    expect(webhookEventTypeOf(delivery('DELIVERED_WITH_WARNINGS'))).toBe(WebhookEventType.CERTIFICATE_DELIVERED);
    expect(webhookEventTypeOf(delivery('FAILED'))).toBe(WebhookEventType.CERTIFICATE_DELIVERY_FAILED);
    expect(webhookEventTypeOf(delivery('UNROUTABLE'))).toBeUndefined();
  });

  it("hears an application's state changes, not its comments", () => {
    expect(webhookEventTypeOf({ source: HubEventSource.APPLICATION, type: 'SUBMITTED', fromStatus: 'DRAFT', toStatus: 'SUBMITTED' })).toBe(WebhookEventType.APPLICATION_STATUS_CHANGED);
    expect(webhookEventTypeOf({ source: HubEventSource.APPLICATION, type: 'COMMENTED', fromStatus: 'UNDER_REVIEW', toStatus: 'UNDER_REVIEW' })).toBeUndefined();
    expect(webhookEventTypeOf({ source: HubEventSource.APPLICATION, type: 'DOCUMENT_ADDED', fromStatus: null, toStatus: null })).toBeUndefined();
  });
});
