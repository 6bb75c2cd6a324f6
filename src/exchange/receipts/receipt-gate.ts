import { Injectable, Logger } from '@nestjs/common';
import type { Envelope } from '../domain/envelope';
import type { Classification } from '../domain/retry-policy';
import type { PartnerEntity } from '../entities/partner.entity';
import { ReceiptFault, ReceiptPolicy, envelopeSha256, judgeReceipt, receiptError } from './domain/receipt-rules';
import { PartnerNodeCertificates } from './partner-node-certificates';

/** What the gate needs of the partner an acknowledgement came from. */
export type ReceiptPartner = Pick<PartnerEntity, 'id' | 'code' | 'receipts' | 'nodeCertificateSha256'>;

/**
 * The sending side of signed receipts, where an acknowledgement is read (pushed or pulled alike):
 * from a partner registered receipts SIGNED, an acknowledgement counts only with a receipt that
 * holds under the partner's current node certificate and says what the acknowledgement says of the
 * envelope sent; otherwise the attempt is RECEIPT_INVALID (retried a few times, then FAILED). From
 * any other partner a receipt is kept when it holds and dropped when it does not: the hub keeps no
 * signature it could not check.
 */
@Injectable()
export class ReceiptGate {
  private readonly logger = new Logger(ReceiptGate.name);

  constructor(private readonly certificates: PartnerNodeCertificates) {}

  async judge(classification: Classification, partner: ReceiptPartner | null, envelope: Envelope): Promise<Classification> {
    if (classification.kind !== 'ACKNOWLEDGED' || !partner) return classification;
    const acknowledgement = classification.acknowledgement;
    const required = partner.receipts === ReceiptPolicy.SIGNED;
    if (acknowledgement.receipt === undefined && !required) return classification;
    const current = await this.certificates.one(partner.id, partner.nodeCertificateSha256);
    const judgement =
      acknowledgement.receipt === undefined
        ? ({ kind: 'INVALID', fault: ReceiptFault.RECEIPT_MISSING, message: 'the acknowledgement carries no receipt' } as const)
        : judgeReceipt({ acknowledgement, sentEnvelopeSha256: envelopeSha256(envelope), certificates: current ? [current] : [] });
    if (judgement.kind === 'SIGNED') return classification;
    if (!required) {
      if (judgement.kind === 'INVALID') this.logger.warn({ partner: partner.code, envelopeId: envelope.envelopeId }, `Receipt dropped: ${judgement.fault} ${judgement.message}`);
      const { receipt: _dropped, ...unsigned } = acknowledgement;
      return { ...classification, acknowledgement: unsigned };
    }
    const fault = judgement.kind === 'INVALID' ? judgement : { fault: ReceiptFault.RECEIPT_MISSING, message: 'the acknowledgement carries no receipt' };
    return { kind: 'RECEIPT_INVALID', error: receiptError(fault.fault, fault.message), httpStatus: classification.httpStatus };
  }
}
