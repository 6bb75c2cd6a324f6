import { CERTIFICATE_MESSAGE_TYPES } from '../../exchange/domain/message-type';
import type { DeliveryAttemptView, DeliveryView } from '../../exchange/dto/delivery.view';
import { Viewer, ViewerRole } from './viewer';

/** What the deliveries of a certificate are judged against. */
export interface DeliveredCertificate {
  importCountry: string;
}

// A certificate message (issued, replaced, cancelled, duplicated) to the certificate's importing
// country. A replacement that moved the destination also tells the old country (CO_REPLACED to
// two countries); each certificate's readers see the one to their own certificate's country.
function toImportingCountry(delivery: DeliveryView, certificate: DeliveredCertificate): boolean {
  return CERTIFICATE_MESSAGE_TYPES.includes(delivery.messageType) && delivery.recipient.country === certificate.importCountry;
}

// The transport's own words (addresses, a partner's problem codes) are the operator's; the codes stay.
function withoutTransportDetail(delivery: DeliveryView): DeliveryView {
  const { lastError: _lastError, attempts, ...rest } = delivery;
  return { ...rest, attempts: (attempts ?? []).map(({ error: _error, ...attempt }): DeliveryAttemptView => attempt) };
}

// A trader follows its certificate to the importing country: where it went, how it stands, why not
// (as a code) and when it was acknowledged. Envelope ids, partner nodes, routes, attempts and what
// the receiving authority wrote back are between the hubs and the authorities.
function forTrader(delivery: DeliveryView): DeliveryView {
  return {
    id: delivery.id,
    certificateId: delivery.certificateId,
    relatedCertificateId: delivery.relatedCertificateId,
    messageType: delivery.messageType,
    recipient: { country: delivery.recipient.country, authority: delivery.recipient.authority },
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt,
    lastErrorCode: delivery.lastErrorCode,
    acknowledgement: delivery.acknowledgement && {
      status: delivery.acknowledgement.status,
      ...(delivery.acknowledgement.receivedAt === undefined ? {} : { receivedAt: delivery.acknowledgement.receivedAt }),
    },
    acknowledgedAt: delivery.acknowledgedAt,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}

/**
 * What a viewer sees of a certificate's deliveries (DESIGN.md section 5; the operator's view is the
 * whole delivery). The issuer sees every delivery; customs of the importing country the certificate
 * messages to their country and the answers between them and the issuer; both with error codes
 * rather than the transport's words. A trader sees the certificate messages to the importing
 * country, in its own narrower view.
 */
export function deliveriesFor(viewer: Viewer, certificate: DeliveredCertificate, deliveries: readonly DeliveryView[]): DeliveryView[] {
  switch (viewer.role) {
    case ViewerRole.OPERATOR:
      return [...deliveries];
    case ViewerRole.ISSUER:
      return deliveries.map(withoutTransportDetail);
    case ViewerRole.IMPORTING_CUSTOMS:
      return deliveries.filter((d) => !CERTIFICATE_MESSAGE_TYPES.includes(d.messageType) || toImportingCountry(d, certificate)).map(withoutTransportDetail);
    case ViewerRole.TRADER:
      return deliveries.filter((d) => toImportingCountry(d, certificate)).map(forTrader);
  }
}
