import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InboundEnvelopeView, QuarantinedEnvelopeView } from '../dto/inbound.view';
import { InboundEnvelopeEntity } from '../entities/inbound-envelope.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { QuarantinedEnvelopeEntity } from '../entities/quarantined-envelope.entity';

/** What partners sent, and what was refused: for the operator. */
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

  private async partnerCodes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.getRepository(PartnerEntity).query('SELECT id, code FROM partners WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}
