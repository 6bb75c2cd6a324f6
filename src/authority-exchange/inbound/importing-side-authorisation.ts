import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { HeldCertificate } from '../../certificates/receipt/received-certificate';
import { ReceivedCertificatesService } from '../../certificates/receipt/received-certificates.service';
import { InboundRefusal, authoriseImportingSideMessage } from '../../exchange/domain/inbound-authorisation';
import { CERTIFICATE_MESSAGE_TYPES } from '../../exchange/domain/message-type';
import { DeliveryQueriesService } from '../../exchange/delivery/delivery-queries.service';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';

/**
 * Who may speak for the importing side of a certificate this hub issued (CUSTOMS_RESPONSE,
 * VERIFICATION_REQUEST): the facts, read in the receiving transaction, for the pure rule.
 */
@Injectable()
export class ImportingSideAuthorisation {
  constructor(
    private readonly received: ReceivedCertificatesService,
    private readonly deliveries: DeliveryQueriesService,
  ) {}

  /** The certificate the message may speak for, or why it may not. */
  async check(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext, signatory: string): Promise<{ refusal: InboundRefusal } | { held: HeldCertificate }> {
    const held = await this.received.held(manager, envelope.refersTo.certificate);
    const delivered =
      held !== null &&
      context.partner !== null &&
      (await this.deliveries.sentThroughPartner(manager, { certificateId: held.id, partnerId: context.partner.id, recipient: envelope.from, types: CERTIFICATE_MESSAGE_TYPES }));
    const refusal = authoriseImportingSideMessage({
      from: envelope.from,
      to: envelope.to,
      signatory,
      documentHash: envelope.refersTo.documentHash,
      held: held && { origin: held.origin, receivedFrom: held.receivedFrom, documentHash: held.documentHash, issuingAuthority: held.issuingAuthority, importCountry: held.importCountry },
      deliveredToSenderThroughPartner: delivered,
    });
    return refusal || !held ? { refusal: refusal as InboundRefusal } : { held };
  }
}
