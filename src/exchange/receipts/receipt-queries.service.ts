import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { certificateThumbprint, readReceipt } from '../../pki/crypto/signed-receipt';
import { ReceiptView } from '../dto/receipt.view';
import { DeliveryEntity } from '../entities/delivery.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { PartnerNodeCertificates } from './partner-node-certificates';

/** A delivery's receipt, with the partner's node certificate it is signed under (earlier ones included) and the envelope it is about. */
@Injectable()
export class ReceiptQueriesService {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    private readonly certificates: PartnerNodeCertificates,
  ) {}

  async ofDelivery(id: string): Promise<ReceiptView> {
    const delivery = await this.deliveries.findOne({ where: { id } });
    if (!delivery) throw ExchangeError.deliveryNotFound();
    const compact = delivery.acknowledgement?.receipt;
    if (!compact || !delivery.partnerId) throw new ExchangeError(ExchangeErrorCode.RECEIPT_NOT_FOUND, delivery.acknowledgement ? 'This delivery was acknowledged without a signed receipt' : 'This delivery is not acknowledged');
    const read = readReceipt(compact);
    // Kept only once it held (ReceiptGate): a receipt that no longer reads is a fault of this hub's records.
    if (!read.ok) throw new Error(`the receipt kept for delivery ${id} does not read: ${read.message}`);
    const held = await this.certificates.all(delivery.partnerId);
    const certificate = held.find((c) => certificateThumbprint(c.der) === read.receipt.certificateThumbprint);
    if (!certificate) throw new Error(`the node certificate of the receipt kept for delivery ${id} is no longer held`);
    return { receipt: compact, claims: read.receipt.claims, certificate: certificate.pem, envelope: delivery.envelope as unknown as Record<string, unknown> };
  }
}
