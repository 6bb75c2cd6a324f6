import { Injectable, Logger } from '@nestjs/common';
import type { Envelope } from '../domain/envelope';
import type { Classification } from '../domain/retry-policy';
import type { PartnerEntity } from '../entities/partner.entity';
import { ReceiptPolicy, envelopeSha256, gateAcknowledgement, judgeReceipt } from './domain/receipt-rules';
import { PartnerNodeCertificates } from './partner-node-certificates';

/** What the gate needs of the partner an acknowledgement came from. */
export type ReceiptPartner = Pick<PartnerEntity, 'id' | 'code' | 'receipts' | 'nodeCertificateSha256'>;

/**
 * The sending side of signed receipts, where an acknowledgement is read (pushed or pulled alike):
 * its receipt judged against the partner's current node certificate and the envelope sent, and the
 * acknowledgement counted as gateAcknowledgement says (RECEIPT_INVALID from a partner registered
 * SIGNED without a valid receipt).
 */
@Injectable()
export class ReceiptGate {
  private readonly logger = new Logger(ReceiptGate.name);

  constructor(private readonly certificates: PartnerNodeCertificates) {}

  async judge(classification: Classification, partner: ReceiptPartner | null, envelope: Envelope): Promise<Classification> {
    if (classification.kind !== 'ACKNOWLEDGED' || !partner) return classification;
    const acknowledgement = classification.acknowledgement;
    // Nothing to check, and nothing required: the hot path of a partner without receipts.
    if (acknowledgement.receipt === undefined && partner.receipts !== ReceiptPolicy.SIGNED) return classification;
    const current = await this.certificates.one(partner.id, partner.nodeCertificateSha256);
    const judgement = judgeReceipt({ acknowledgement, sentEnvelopeSha256: envelopeSha256(envelope), certificates: current ? [current] : [] });
    if (judgement.kind === 'INVALID') this.logger.warn({ partner: partner.code, envelopeId: envelope.envelopeId }, `Receipt refused: ${judgement.fault} ${judgement.message}`);
    return gateAcknowledgement(classification, partner.receipts, judgement);
  }
}
