import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { documentHash } from '../../dataset/canonical';
import type { Acknowledgement } from '../domain/acknowledgement';
import { InboundFacts, decideAcknowledgement } from '../domain/inbound-acknowledgement';
import { MessageType } from '../domain/message-type';
import { InboundEnvelopeEntity } from '../entities/inbound-envelope.entity';
import { QuarantineReason, QuarantinedEnvelopeEntity } from '../entities/quarantined-envelope.entity';
import type { PartnerEntity } from '../entities/partner.entity';

interface Reference {
  issuingAuthority: string;
  certificateNumber: string;
  copyNumber: number;
}

/** A received, shape-checked envelope (EnvelopeDto), as plain JSON. */
export interface ReceivedEnvelope {
  envelopeId: string;
  type: MessageType;
  from: string;
  to: string;
  refersTo: { certificate: Reference; documentHash: string };
  payload: Record<string, unknown>;
  [field: string]: unknown;
}

export type Recorded = { kind: 'NEW'; acknowledgement: Acknowledgement } | { kind: 'EXISTING'; contentHash: string; acknowledgement: Acknowledgement };

// An unauthenticated sender gets little room in the quarantine; a partner gets enough for an envelope.
const QUARANTINE_BYTES = { anonymous: 4 * 1024, partner: 256 * 1024 };
const CARRIES_DOCUMENT = new Set([MessageType.CO_ISSUED, MessageType.CO_REPLACED, MessageType.CO_DUPLICATE]);

export function certificateRef(reference: unknown): string | null {
  const r = reference as Partial<Reference> | null | undefined;
  if (!r || typeof r.issuingAuthority !== 'string' || typeof r.certificateNumber !== 'string' || typeof r.copyNumber !== 'number') return null;
  return `${r.issuingAuthority}|${r.certificateNumber}|${r.copyNumber}`;
}

/** The earlier certificate a message is about, besides its own: the cancelled, replaced or copied one. */
function earlierReference(envelope: ReceivedEnvelope): string | null | undefined {
  switch (envelope.type) {
    case MessageType.CO_CANCELLED:
      return certificateRef(envelope.refersTo.certificate);
    case MessageType.CO_REPLACED:
      return certificateRef((envelope.payload.replaces as { certificate?: unknown } | undefined)?.certificate);
    case MessageType.CO_DUPLICATE:
      return certificateRef((envelope.payload.duplicateOf as { certificate?: unknown } | undefined)?.certificate);
    default:
      return undefined;
  }
}

/** Received envelopes and the quarantine, in PostgreSQL. */
@Injectable()
export class InboundStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authorities: AuthoritiesService,
  ) {}

  async find(partnerId: string, envelopeId: string): Promise<InboundEnvelopeEntity | null> {
    return this.dataSource.getRepository(InboundEnvelopeEntity).findOne({ where: { partnerId, envelopeId } });
  }

  async quarantine(partner: PartnerEntity | null, reason: QuarantineReason, detail: string, body: unknown, now: Date): Promise<void> {
    const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
    const envelopeId = typeof (body as { envelopeId?: unknown } | null)?.envelopeId === 'string' ? String((body as { envelopeId: string }).envelopeId).slice(0, 64) : null;
    await this.dataSource.getRepository(QuarantinedEnvelopeEntity).insert({
      partnerId: partner?.id ?? null,
      reason,
      detail: detail.slice(0, 2000),
      envelopeId,
      body: text.slice(0, partner ? QUARANTINE_BYTES.partner : QUARANTINE_BYTES.anonymous),
      receivedAt: now,
    });
  }

  /**
   * Stores the envelope with its acknowledgement in one transaction. A concurrent copy of the same
   * envelope id waits on the unique index and then finds the first one.
   */
  record(partner: PartnerEntity, envelope: ReceivedEnvelope, contentHash: string, now: Date): Promise<Recorded> {
    return this.dataSource.transaction(async (manager) => {
      const acknowledgement = decideAcknowledgement(await this.facts(manager, partner, envelope, now));
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO inbound_envelopes (partner_id, envelope_id, type, from_authority, to_authority, certificate_ref, content_hash, envelope, status, acknowledgement, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (partner_id, envelope_id) DO NOTHING RETURNING id`,
        [partner.id, envelope.envelopeId, envelope.type, envelope.from, envelope.to, certificateRef(envelope.refersTo.certificate), contentHash, JSON.stringify(envelope), acknowledgement.status, JSON.stringify(acknowledgement), now],
      );
      if (inserted.length > 0) return { kind: 'NEW' as const, acknowledgement };
      const first = await manager.findOneOrFail(InboundEnvelopeEntity, { where: { partnerId: partner.id, envelopeId: envelope.envelopeId } });
      return { kind: 'EXISTING' as const, contentHash: first.contentHash, acknowledgement: first.acknowledgement };
    });
  }

  private async facts(manager: EntityManager, partner: PartnerEntity, envelope: ReceivedEnvelope, now: Date): Promise<InboundFacts> {
    const local = await this.authorities.customsAuthoritiesIn(manager, [envelope.to.slice(0, 2)]);
    const facts: InboundFacts = {
      envelopeId: envelope.envelopeId,
      type: envelope.type,
      from: envelope.from,
      to: envelope.to,
      receivedAt: now,
      // Authority codes begin with their country (KH-MOC).
      senderOfPartner: partner.countries.includes(envelope.from.slice(0, 2)),
      recipientServedHere: local.some((a) => a.code === envelope.to),
    };
    if (CARRIES_DOCUMENT.has(envelope.type)) {
      const document = envelope.payload.document;
      const present = typeof document === 'object' && document !== null && !Array.isArray(document);
      facts.document = {
        present,
        hashMatches: present && documentHash(document) === envelope.refersTo.documentHash,
        issuerMatches: present && (document as { issuingAuthority?: unknown }).issuingAuthority === envelope.refersTo.certificate.issuingAuthority,
      };
    }
    const earlier = earlierReference(envelope);
    if (earlier !== undefined) facts.earlierCertificateKnown = earlier !== null && (await this.received(manager, earlier));
    return facts;
  }

  /** Whether a readable certificate with this reference was received before. */
  private async received(manager: EntityManager, ref: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM inbound_envelopes WHERE certificate_ref = $1 AND type = ANY($2::varchar[]) AND status <> 'DELIVERED_NOT_READABLE' LIMIT 1`,
      [ref, [...CARRIES_DOCUMENT]],
    );
    return rows.length > 0;
  }
}
