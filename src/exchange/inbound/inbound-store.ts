import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { escapeUnstorable, isStorableText } from '../../core/validation/strict-json';
import { AuthoritiesService } from '../../authorities/authorities.service';
import type { Acknowledgement } from '../domain/acknowledgement';
import { AcknowledgementStatus } from '../domain/delivery-status';
import { InboundOutcome, UnreadableCode, acknowledgementOf, routingOutcome, unstorableOutcome } from '../domain/inbound-acknowledgement';
import { InboundEnvelopeEntity } from '../entities/inbound-envelope.entity';
import { QuarantineReason, QuarantinedEnvelopeEntity } from '../entities/quarantined-envelope.entity';
import type { PartnerEntity } from '../entities/partner.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { InboundHandlers } from './inbound-handlers';
import { InboundContext, InboundRoute } from './inbound-message-handler';
import { ReceivedEnvelope, certificateRef } from './received-envelope';

export type Recorded = { kind: 'NEW'; acknowledgement: Acknowledgement } | { kind: 'EXISTING'; contentHash: string; envelope: unknown; acknowledgement: Acknowledgement };

// Room in the quarantine for what a partner sent (anonymous callers get none).
const QUARANTINE_BYTES = 256 * 1024;

/** A signed envelope holding strings PostgreSQL cannot store: where they are, and the hash of the bytes received. */
export interface UnstorableText {
  paths: string[];
  originalSha256: string;
}

/** Received envelopes, their effects and the quarantine, in PostgreSQL. */
@Injectable()
export class InboundStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authorities: AuthoritiesService,
    private readonly handlers: InboundHandlers,
  ) {}

  async find(partnerId: string, envelopeId: string): Promise<InboundEnvelopeEntity | null> {
    return this.dataSource.getRepository(InboundEnvelopeEntity).findOne({ where: { partnerId, envelopeId } });
  }

  /** What an authenticated partner sent and was refused with a 4xx, kept for the operator. */
  async quarantine(partner: PartnerEntity, reason: QuarantineReason, detail: string, body: unknown, now: Date): Promise<void> {
    // JSON text writes U+0000 and lone surrogates as escapes, so the body is storable as it is.
    const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
    const claimedId = (body as { envelopeId?: unknown } | null)?.envelopeId;
    const envelopeId = typeof claimedId === 'string' && isStorableText(claimedId) ? claimedId.slice(0, 64) : null;
    await this.dataSource.getRepository(QuarantinedEnvelopeEntity).insert({
      partnerId: partner.id,
      reason,
      detail: (escapeUnstorable(detail) as string).slice(0, 2000),
      envelopeId,
      body: (escapeUnstorable(text) as string).slice(0, QUARANTINE_BYTES),
      receivedAt: now,
    });
  }

  /**
   * Stores the envelope, applies its effects and keeps its acknowledgement, in one transaction. The
   * row goes in first: a concurrent copy of the same envelope id waits on the unique index, then finds
   * the first one, so effects are applied once.
   */
  record(partner: PartnerEntity, envelope: ReceivedEnvelope, contentHash: string, now: Date, unstorable?: UnstorableText): Promise<Recorded> {
    // An envelope with unstorable text is kept as an escaped copy, found by nothing that later messages look up.
    const stored = unstorable ? { unstorableText: { originalSha256: unstorable.originalSha256, paths: unstorable.paths, escaped: escapeUnstorable(envelope) } } : envelope;
    const reference = unstorable ? null : certificateRef(envelope.refersTo.certificate);
    return this.dataSource.transaction(async (manager) => {
      // The partner's active state and routes are a condition of this statement, read as it runs:
      // a deactivation or a route removed by any process holds from its commit on.
      const inserted: { id: string; countries: string[] }[] = await manager.query(
        `INSERT INTO inbound_envelopes (partner_id, envelope_id, type, from_authority, to_authority, certificate_ref, content_hash, envelope, status, acknowledgement, received_at)
         SELECT p.id, $2, $3, $4, $5, $6, $7, $8, $9, '{}', $10 FROM partners p WHERE p.id = $1 AND p.active
         ON CONFLICT (partner_id, envelope_id) DO NOTHING
         RETURNING id, (SELECT countries FROM partners WHERE id = $1) AS countries`,
        [partner.id, envelope.envelopeId, envelope.type, envelope.from, envelope.to, reference, contentHash, JSON.stringify(stored), AcknowledgementStatus.DELIVERED_NOT_READABLE, now],
      );
      if (inserted.length === 0) {
        const first = await manager.findOne(InboundEnvelopeEntity, { where: { partnerId: partner.id, envelopeId: envelope.envelopeId } });
        if (!first) throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN, `Partner ${partner.code} is deactivated on this hub`);
        return { kind: 'EXISTING' as const, contentHash: first.contentHash, envelope: first.envelope, acknowledgement: first.acknowledgement };
      }
      const sender = { id: partner.id, code: partner.code, countries: inserted[0].countries };
      const outcome = unstorable ? unstorableOutcome(unstorable.paths) : await this.process(manager, envelope, InboundRoute.PARTNER, sender, now);
      const acknowledgement = acknowledgementOf(envelope.envelopeId, now, outcome);
      await manager.query('UPDATE inbound_envelopes SET status = $2, acknowledgement = $3 WHERE id = $1', [inserted[0].id, acknowledgement.status, JSON.stringify(acknowledgement)]);
      return { kind: 'NEW' as const, acknowledgement };
    });
  }

  /** An envelope to an authority served by this hub, handed over without HTTP (the local route). */
  async recordLocal(envelope: ReceivedEnvelope, now: Date): Promise<Acknowledgement> {
    const handler = this.handlers.for(envelope.type);
    if (handler?.receiveLocal) {
      // The handler's own unit of work, without a transaction of the store's (issue 14: a local
      // delivery of an issued certificate was START, the row locked, its write and COMMIT).
      const receiveLocal = handler.receiveLocal.bind(handler);
      const outcome = await this.process(this.dataSource.manager, envelope, InboundRoute.LOCAL, null, now, (context) => receiveLocal(envelope, context));
      return acknowledgementOf(envelope.envelopeId, now, outcome);
    }
    return this.dataSource.transaction(async (manager) => {
      const outcome = await this.process(manager, envelope, InboundRoute.LOCAL, null, now);
      return acknowledgementOf(envelope.envelopeId, now, outcome);
    });
  }

  private async process(
    manager: EntityManager,
    envelope: ReceivedEnvelope,
    route: InboundRoute,
    partner: InboundContext['partner'],
    now: Date,
    receive?: (context: InboundContext) => Promise<InboundOutcome>,
  ): Promise<InboundOutcome> {
    const [recipient] = await this.authorities.authoritiesServedHere(manager, [envelope.to]);
    const unroutable = routingOutcome({
      from: envelope.from,
      to: envelope.to,
      // Authority codes begin with their country (KH-MOC).
      senderOfPartner: partner === null || partner.countries.includes(envelope.from.slice(0, 2)),
      recipientServedHere: recipient !== undefined,
    });
    if (unroutable) return unroutable;
    const handler = this.handlers.for(envelope.type);
    if (!handler) {
      return { status: AcknowledgementStatus.DELIVERED_NOT_READABLE, code: UnreadableCode.MESSAGE_TYPE_NOT_PROCESSED, message: `${envelope.type} is not processed by this hub; the envelope is kept`, warnings: [] };
    }
    const context: InboundContext = { route, partner, recipient: { code: recipient.code, country: recipient.country, roles: [...recipient.roles] }, receivedAt: now };
    return receive ? receive(context) : handler.receive(manager, envelope, context);
  }
}
