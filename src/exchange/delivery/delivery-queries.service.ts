import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { DeliveryStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';
import { DeliveryView } from '../dto/delivery.view';
import { ListDeliveriesQuery } from '../dto/list-deliveries.query';
import { DeliveryAttemptEntity } from '../entities/delivery-attempt.entity';
import { DeliveryEntity } from '../entities/delivery.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { ExchangeError } from '../exchange.error';
import { toDeliveryView } from './delivery.view-mapper';

/** Where each delivery stands, whole, as the operator sees it; certificates/ cuts a certificate's deliveries down to what each viewer sees. */
@Injectable()
export class DeliveryQueriesService {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @InjectRepository(DeliveryAttemptEntity) private readonly attempts: Repository<DeliveryAttemptEntity>,
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
  ) {}

  /**
   * Whether this hub sent a message of these types about the certificate to `recipient` through the
   * partner (routed there: the answer may come before the acknowledgement did), in the caller's
   * transaction. Who may speak about a certificate is decided on this (DESIGN.md section 6).
   */
  async sentThroughPartner(manager: EntityManager, sent: { certificateId: string; partnerId: string; recipient: string; types: readonly MessageType[] }): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM deliveries WHERE certificate_id = $1 AND partner_id = $2 AND recipient_authority = $3 AND message_type = ANY($4::varchar[]) AND status <> $5 LIMIT 1`,
      [sent.certificateId, sent.partnerId, sent.recipient, sent.types, DeliveryStatus.UNROUTABLE],
    );
    return rows.length > 0;
  }

  /**
   * Every delivery of a message about the certificate or naming it (the original a replacement
   * replaces or a duplicate copies), oldest first, whole: the caller decides what its reader sees.
   */
  async ofCertificate(certificateId: string): Promise<DeliveryView[]> {
    const found = await this.deliveries.find({
      where: [{ certificateId }, { relatedCertificateId: certificateId }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return this.views(found);
  }

  async list(query: ListDeliveriesQuery): Promise<DeliveryView[]> {
    const qb = this.deliveries.createQueryBuilder('d').orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'DESC').limit(query.limit ? Number(query.limit) : 50);
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.partner) qb.innerJoin(PartnerEntity, 'p', 'p.id = d.partner_id AND p.code = :code', { code: query.partner });
    return this.views(await qb.getMany());
  }

  async get(id: string): Promise<DeliveryView> {
    const found = await this.deliveries.findOne({ where: { id } });
    if (!found) throw ExchangeError.deliveryNotFound();
    return (await this.views([found]))[0];
  }

  private async views(deliveries: DeliveryEntity[]): Promise<DeliveryView[]> {
    if (deliveries.length === 0) return [];
    const ids = deliveries.map((d) => d.id);
    const partnerIds = [...new Set(deliveries.flatMap((d) => (d.partnerId ? [d.partnerId] : [])))];
    const [attempts, partners] = await Promise.all([
      this.attempts.find({ where: { deliveryId: In(ids) }, order: { generation: 'ASC', number: 'ASC' } }),
      partnerIds.length > 0 ? this.partners.find({ where: { id: In(partnerIds) }, select: { id: true, code: true } }) : Promise.resolve([]),
    ]);
    const codes = new Map(partners.map((p) => [p.id, p.code]));
    return deliveries.map((d) =>
      toDeliveryView(
        d,
        attempts.filter((a) => a.deliveryId === d.id),
        d.partnerId ? (codes.get(d.partnerId) ?? null) : null,
      ),
    );
  }
}
