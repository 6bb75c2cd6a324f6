import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AcknowledgementStatus } from '../domain/delivery-status';
import { MessageType } from '../domain/message-type';
import { InboundEnvelopeView, QuarantinedEnvelopeView } from '../dto/inbound.view';
import { InboundEnvelopeEntity } from '../entities/inbound-envelope.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { QuarantinedEnvelopeEntity } from '../entities/quarantined-envelope.entity';
import { certificateRef } from './received-envelope';

/** What partners sent, and what was refused: for the operator, and what a receiving feature asks of it. */
@Injectable()
export class InboundQueriesService {
  constructor(private readonly dataSource: DataSource) {}

  async received(limit: number): Promise<InboundEnvelopeView[]> {
    const rows = await this.dataSource.getRepository(InboundEnvelopeEntity).find({ order: { receivedAt: 'DESC', id: 'DESC' }, take: limit });
    const codes = await this.partnerCodes(rows.map((r) => r.partnerId));
    return rows.map((r) => ({
      id: r.id,
      partner: codes.get(r.partnerId) ?? r.partnerId,
      envelopeId: r.envelopeId,
      type: r.type,
      from: r.fromAuthority,
      to: r.toAuthority,
      status: r.status,
      acknowledgement: r.acknowledgement,
      envelope: r.envelope,
      receivedAt: r.receivedAt.toISOString(),
    }));
  }

  async quarantined(limit: number): Promise<QuarantinedEnvelopeView[]> {
    const rows = await this.dataSource.getRepository(QuarantinedEnvelopeEntity).find({ order: { receivedAt: 'DESC', id: 'DESC' }, take: limit });
    const codes = await this.partnerCodes(rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])));
    return rows.map((r) => ({
      id: r.id,
      partner: r.partnerId ? (codes.get(r.partnerId) ?? r.partnerId) : null,
      reason: r.reason,
      detail: r.detail,
      envelopeId: r.envelopeId,
      body: r.body,
      receivedAt: r.receivedAt.toISOString(),
    }));
  }

  /**
   * A cancellation of this certificate that came before the certificate itself (the two can cross),
   * in the caller's transaction: only one the same partner sent, naming the same document hash, and
   * that was not refused. Its reason, or undefined.
   */
  async cancellationBefore(
    manager: EntityManager,
    sent: { certificate: { issuingAuthority: string; certificateNumber: string; copyNumber: number }; partnerId: string; documentHash: string },
  ): Promise<{ reason: string } | undefined> {
    const [row]: { reason: string | null }[] = await manager.query(
      `SELECT envelope #>> '{payload,cancellation,reason}' AS reason FROM inbound_envelopes
        WHERE certificate_ref = $1 AND type = $2 AND status <> $3 AND partner_id = $4 AND envelope #>> '{refersTo,documentHash}' = $5
        ORDER BY received_at LIMIT 1`,
      [certificateRef(sent.certificate), MessageType.CO_CANCELLED, AcknowledgementStatus.DELIVERED_NOT_READABLE, sent.partnerId, sent.documentHash],
    );
    return row ? { reason: row.reason ?? '' } : undefined;
  }

  private async partnerCodes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.getRepository(PartnerEntity).query('SELECT id, code FROM partners WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}
