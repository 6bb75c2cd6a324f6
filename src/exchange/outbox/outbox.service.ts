import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PARTNER_RENDITION_FORMATS, RenditionFormat } from '../../dataset/formats/rendition-format';
import { EntityManager } from 'typeorm';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { ChangeNotices } from '../../core/database/change-notices/change-notices';
import { ReferenceCache } from '../../core/database/change-notices/reference-cache';
import { DeliveryRoute, DeliveryStatus } from '../domain/delivery-status';
import { nodeKeyWaitError } from '../domain/delivery-error-code';
import { DeliveryMode } from '../domain/delivery-mode';
import { DocumentReference, Envelope, EnvelopePayload, PayloadRendition, UnsignedEnvelope, buildEnvelope } from '../domain/envelope';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { MessageType } from '../domain/message-type';
import { Recipient, RoutablePartner, routeMessage } from '../domain/routing';
import { DeliveryEntity } from '../entities/delivery.entity';
import { EnvelopeSigner } from '../signing/envelope-signer';
import { OUTBOX_DELIVERY } from './outbox.effects';

/** The change notices' topic of the partners table (migration ReferenceChangeNotices). */
export const PARTNERS_TOPIC = 'partners';

/** A partner that serves some of a message's countries, as routing and the renditions need it. */
interface ServingPartner extends RoutablePartner {
  renditions: RenditionFormat[];
}

/** Which certificate a message refers to (its identity and document hash). */
export interface CertificateReference {
  id: string;
  issuingAuthorityCode: string;
  certificateNumber: string;
  copyNumber: number;
  documentHash: string | null;
}

/**
 * What the outbox needs of a certificate to tell partners about it: its reference, its importing
 * country, the canonical document and the issuing authority's detached CMS over it, as the change
 * just wrote them (the certificates module passes its record).
 */
export interface OutboxCertificate extends CertificateReference {
  importCountry: string;
  canonicalDocument: Buffer | null;
  /** Absent for a certificate issued in the unsigned benchmark mode: the envelope then carries none. */
  signatureCms: Buffer | null;
  /** The exporter's detached CMS over its declaration, for a certificate issued on a signed application. */
  exporterSignatureCms?: Buffer | null;
  /** Which way the certificate was made (certificates' IssuedThrough); told to partners unless AUTHORITY_DIRECTLY. */
  issuedThrough?: string;
}

/** A certificate change that partners must hear about. */
export interface OutboxMessage {
  type: MessageType.CO_ISSUED | MessageType.CO_REPLACED | MessageType.CO_CANCELLED | MessageType.CO_DUPLICATE;
  /** The certificate the message is about (refersTo): the issued, replacing, cancelled or duplicate one. */
  certificate: OutboxCertificate;
  /** The original a replacement replaces or a duplicate copies. */
  related?: OutboxCertificate;
  cancellation?: { reason: string };
  at: Date;
  /**
   * The certificate in a format a partner reads besides the record (its registration's renditions),
   * made, signed by the issuing authority and stored by the certificates module in this transaction.
   */
  renditions?: (format: RenditionFormat) => Promise<PayloadRendition>;
}

/** The columns of a delivery the outbox decides (the rest take their defaults). */
export type DeliveryValues = Pick<
  DeliveryEntity,
  'certificateId' | 'relatedCertificateId' | 'messageType' | 'envelopeId' | 'route' | 'recipientCountry' | 'partnerId' | 'recipientAuthority' | 'status' | 'envelope'
> &
  Partial<Pick<DeliveryEntity, 'lastError'>>;

/** A delivery as the outbox made it: to a PULL partner it waits to be pulled, and no job is enqueued. */
export type OutboxRow = DeliveryValues & { awaitsPull?: boolean };

/** The columns of outbox rows, without what only says how they go out. */
export function deliveryColumns(rows: readonly OutboxRow[]): QueryDeepPartialEntity<DeliveryEntity>[] {
  // jsonb content is not something TypeORM's deep-partial type can follow.
  return rows.map(({ awaitsPull: _awaitsPull, ...row }) => row) as unknown as QueryDeepPartialEntity<DeliveryEntity>[];
}

/** Inserts deliveries and returns their ids, in order. */
export async function insertDeliveries(manager: EntityManager, rows: OutboxRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = deliveryColumns(rows);
  const inserted = await manager.createQueryBuilder().insert().into(DeliveryEntity).values(values).returning(['id']).execute();
  return (inserted.raw as { id: string }[]).map((r) => r.id);
}

/** A message between authorities about a certificate, to one recipient authority. */
export interface AuthorityMessage {
  type: MessageType;
  from: string;
  to: string;
  certificate: CertificateReference;
  payload: EnvelopePayload;
  at: Date;
}

export function documentReference(certificate: CertificateReference): DocumentReference {
  return {
    certificate: { issuingAuthority: certificate.issuingAuthorityCode, certificateNumber: certificate.certificateNumber, copyNumber: certificate.copyNumber },
    documentHash: certificate.documentHash as string,
  };
}

/**
 * The transactional outbox (DESIGN.md section 2): `send` and `sendTo` build one delivery per
 * recipient, its envelope signed once, in the change's unit of work (core/unit-of-work), so both
 * commit or neither; OutboxFlusher writes them in one INSERT and enqueues their jobs after the commit.
 */
@Injectable()
export class OutboxService {
  // The active partners serving some countries, with the renditions they read, by those countries:
  // kept in this process until a change notice about partners (issue 14). Whether a partner is still
  // active and serving when a delivery is sent is decided by the send's own statement
  // (DeliveryAttemptsStore), never by this.
  private readonly serving: ReferenceCache<ServingPartner[]>;

  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly signer: EnvelopeSigner,
    notices: ChangeNotices,
  ) {
    this.serving = notices.cache<ServingPartner[]>(PARTNERS_TOPIC, 1_000);
  }

  /**
   * Sends a certificate change to every recipient: one delivery each, its envelope built and signed
   * once in the change's transaction, written with the change and enqueued after its commit.
   */
  async send(tx: Tx, message: OutboxMessage): Promise<void> {
    tx.add(OUTBOX_DELIVERY, ...(await this.deliveriesOf(tx, message)).map((row) => ({ id: randomUUID(), ...row })));
  }

  private async deliveriesOf(tx: Tx, message: OutboxMessage): Promise<OutboxRow[]> {
    const manager = tx.manager;
    // A replacement that moved the destination tells the old importing country too.
    const countries = [message.certificate.importCountry, ...(message.type === MessageType.CO_REPLACED && message.related ? [message.related.importCountry] : [])];
    const partners = await this.partnersServing(manager, countries);
    const recipients = routeMessage({ type: message.type, countries, partners, localAuthorities: await this.authorities.customsAuthoritiesIn(manager, countries) });
    const refersTo = documentReference(message.certificate);
    const payload = this.payload(message);
    const formats = this.renditionFormats(partners, recipients, message);
    const made = new Map<RenditionFormat, Promise<PayloadRendition>>();
    const rendition = (format: RenditionFormat) => made.get(format) ?? made.set(format, (message.renditions as NonNullable<OutboxMessage['renditions']>)(format)).get(format)!;
    const rows: OutboxRow[] = [];
    for (const recipient of recipients) {
      const wanted = recipient.route === DeliveryRoute.PARTNER ? (formats.get(recipient.partnerId) ?? []) : [];
      // Additive (DESIGN.md section 6): the record and its CMS stay; renditions travel beside them, only to partners that asked.
      const withRenditions = wanted.length > 0 ? { ...payload, renditions: await Promise.all(wanted.map(rendition)) } : payload;
      const template = buildEnvelope({ envelopeId: randomUUID(), type: message.type, from: message.certificate.issuingAuthorityCode, to: null, createdAt: message.at, refersTo, payload: withRenditions });
      // Signed under the change's Tx: the node key's status is a condition of the change's write.
      rows.push(await this.row(tx, template, recipient, { certificateId: message.certificate.id, relatedCertificateId: message.related?.id ?? null }));
    }
    return rows;
  }

  /**
   * The delivery for one recipient: addressed when someone serves it, UNROUTABLE otherwise; signed
   * with the node key when a partner serves it. A customs authority served by this hub gets its
   * envelope in this process (LocalEnvelopeTransport), where no node signature is checked, so none
   * is made and no node key is needed: under create + issue to a local customs authority, that
   * signature and its canonical form cost the API process about 1 ms of CPU per certificate.
   */
  async row(
    manager: EntityManager | Tx,
    template: UnsignedEnvelope,
    recipient: Recipient,
    about: Pick<DeliveryEntity, 'certificateId' | 'relatedCertificateId'>,
  ): Promise<OutboxRow> {
    const common = {
      ...about,
      messageType: template.type,
      envelopeId: template.envelopeId,
      route: recipient.route,
      recipientCountry: recipient.country,
    };
    if (recipient.route === DeliveryRoute.NONE) {
      return { ...common, partnerId: null, recipientAuthority: null, status: DeliveryStatus.UNROUTABLE, envelope: template };
    }
    const addressed = { ...template, to: recipient.authority };
    const pending = { ...common, recipientAuthority: recipient.authority, status: DeliveryStatus.PENDING };
    if (recipient.route === DeliveryRoute.LOCAL) return { ...pending, partnerId: null, envelope: addressed as Envelope, lastError: null };
    const signed = await this.signer.sign(manager, addressed).catch((error: unknown) => {
      // No node key (none stored or configured where development keys are refused, or the stored
      // one cannot be opened): the change still commits, and the delivery waits PENDING, unsigned,
      // until the delivery store can sign it (DeliveryAttemptsStore).
      if (error instanceof ExchangeError && error.code === ExchangeErrorCode.NODE_KEY_UNAVAILABLE) return { waiting: nodeKeyWaitError(error.message) };
      throw error;
    });
    return {
      ...pending,
      partnerId: recipient.partnerId,
      envelope: 'waiting' in signed ? (addressed as Envelope) : signed,
      lastError: 'waiting' in signed ? signed.waiting : null,
      ...(recipient.pull && { awaitsPull: true }),
    };
  }

  /** The recipients of a message to these countries (also what an UNROUTABLE delivery is routed again with). */
  async recipients(manager: EntityManager, type: MessageType, countries: string[]): Promise<Recipient[]> {
    return routeMessage({
      type,
      countries,
      partners: await this.partnersServing(manager, countries),
      localAuthorities: await this.authorities.customsAuthoritiesIn(manager, countries),
    });
  }

  private async partnersServing(manager: EntityManager, countries: string[]): Promise<ServingPartner[]> {
    const wanted = [...new Set(countries)].sort();
    return this.serving.get(wanted.join(','), async () => {
      const rows: { id: string; code: string; routes: RoutablePartner['routes']; message_types: RoutablePartner['messageTypes']; delivery_mode: string; renditions: string[] }[] = await manager.query(
        'SELECT id, code, routes, message_types, delivery_mode, renditions FROM partners WHERE countries && $1::char(2)[] AND active',
        [wanted],
      );
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        routes: r.routes,
        messageTypes: r.message_types,
        ...(r.delivery_mode === DeliveryMode.PULL && { pull: true }),
        renditions: r.renditions.flatMap((format) => PARTNER_RENDITION_FORMATS.find((known) => known === format) ?? []),
      }));
    });
  }

  /** The rendition formats each partner recipient reads, for a message that carries a document. */
  private renditionFormats(partners: readonly ServingPartner[], recipients: Recipient[], message: OutboxMessage): Map<string, RenditionFormat[]> {
    if (!message.renditions || message.type === MessageType.CO_CANCELLED) return new Map();
    const partnerIds = new Set(recipients.flatMap((recipient) => (recipient.route === DeliveryRoute.PARTNER ? [recipient.partnerId] : [])));
    return new Map(partners.filter((partner) => partnerIds.has(partner.id) && partner.renditions.length > 0).map((partner) => [partner.id, partner.renditions]));
  }

  private payload(message: OutboxMessage): EnvelopePayload {
    if (message.type === MessageType.CO_CANCELLED) {
      return { cancellation: { reason: message.cancellation?.reason ?? '', cancelledAt: message.at.toISOString() } };
    }
    const certificate = message.certificate;
    const payload: EnvelopePayload = { document: JSON.parse((certificate.canonicalDocument as Buffer).toString('utf8')) as Record<string, unknown> };
    if (certificate.signatureCms) payload.documentSignature = certificate.signatureCms.toString('base64');
    // Beside the document, never inside it: the document stays dataset 1.0 and an older hub ignores
    // the field, while the authority's CMS covers its hash (a signed attribute).
    if (certificate.exporterSignatureCms) payload.exporterSignature = certificate.exporterSignatureCms.toString('base64');
    if (certificate.issuedThrough && certificate.issuedThrough !== 'AUTHORITY_DIRECTLY') payload.issuedThrough = certificate.issuedThrough;
    if (message.related && message.type === MessageType.CO_REPLACED) payload.replaces = documentReference(message.related);
    if (message.related && message.type === MessageType.CO_DUPLICATE) payload.duplicateOf = documentReference(message.related);
    return payload;
  }

  /**
   * A message between authorities about a certificate (a customs response, a verification request
   * or response), for one recipient authority: delivered locally when this hub serves it, else through
   * a partner that serves its country and takes the type (one that names it in its routes first),
   * else recorded UNROUTABLE: written with the change and enqueued after its commit.
   */
  async sendTo(tx: Tx, message: AuthorityMessage): Promise<void> {
    tx.add(OUTBOX_DELIVERY, { id: randomUUID(), ...(await this.deliveryTo(tx.manager, message)) });
  }

  private async deliveryTo(manager: EntityManager, message: AuthorityMessage): Promise<OutboxRow> {
    const country = message.to.slice(0, 2);
    const [served] = await this.authorities.authoritiesServedHere(manager, [message.to]);
    let recipient: Recipient = { route: DeliveryRoute.NONE, country };
    if (served) {
      recipient = { route: DeliveryRoute.LOCAL, country: served.country, authority: served.code };
    } else {
      const partners = (await this.partnersServing(manager, [country])).filter((p) => p.messageTypes.includes(message.type)).sort((a, b) => a.code.localeCompare(b.code));
      const partner = partners.find((p) => p.routes.some((r) => r.authority === message.to)) ?? partners[0];
      if (partner) recipient = { route: DeliveryRoute.PARTNER, country, authority: message.to, partnerId: partner.id, partnerCode: partner.code, ...(partner.pull && { pull: true }) };
    }
    const template = buildEnvelope({ envelopeId: randomUUID(), type: message.type, from: message.from, to: null, createdAt: message.at, refersTo: documentReference(message.certificate), payload: message.payload });
    return this.row(manager, template, recipient, { certificateId: message.certificate.id, relatedCertificateId: null });
  }
}
