import { Injectable } from '@nestjs/common';
import { canonicalize } from 'json-canonicalize';
import { DataSource, EntityManager } from 'typeorm';
import { plannedPerCall } from '../../core/database/prepared-statements';
import { StatementBatcher } from '../../core/database/statement-batcher';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { newVerificationToken } from '../verification-token';
import { CertificateStore } from '../certificate-store';
import { certificateColumns } from '../certificate-columns';
import { CertificateEventType, CertificateOrigin, CertificateStatus, ImportStatus, IssuedThrough } from '../domain/certificate-status';
import { CertificateEntity } from '../entities/certificate.entity';
import { CertificateIdentity, HeldCertificate, ReceiptSource, ReceivedCancellation, ReceivedDocument, identityLabel } from './received-certificate';

const DAY_MS = 24 * 60 * 60 * 1000;

function actorOf(source: ReceiptSource): string {
  return source.partner ? `partner:${source.partner}` : 'hub';
}

function identityKey(identity: CertificateIdentity): string {
  return JSON.stringify([identity.issuingAuthority, identity.certificateNumber, identity.copyNumber]);
}

interface LocalReceipt {
  identity: CertificateIdentity;
  source: ReceiptSource;
}

// Receipts per statement at most, and statements in flight at once (each on a pool connection).
const LOCAL_RECEIPT_GROUP = { maxItems: 500, maxInFlight: 2 } as const;

/**
 * The local receipts of a group of certificates in one statement, planned per call (it joins a list
 * to the table; see PLANNED_PER_CALL). Each certificate held here that has no importStatus yet gets
 * RECEIVED, a new version, its RECEIVED event and its audit entry (`entry`: AuditService.appendFromRows,
 * from $8, the statement's last part). Rows are locked in id order, so two groups never wait on each
 * other in a cycle; a receipt that committed meanwhile is seen once the lock is taken (READ COMMITTED
 * reads the row again and checks it anew), and the row is left alone. One reference to the table
 * before its UPDATE: PostgreSQL planned the statement in about 0.27 ms against 0.39 ms with a
 * separate read of the identities (EXPLAIN SUMMARY, warm connection).
 */
function receiveLocallyStatement(entry: string): string {
  return plannedPerCall(`WITH v AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::text[])
           AS v(certificate_number, issuing_authority_code, copy_number, actor, received_at, data, payload)
       ), due AS (
         SELECT c.id, v.actor, v.received_at, v.data, v.payload FROM v
           JOIN certificates c ON c.certificate_number = v.certificate_number AND c.issuing_authority_code = v.issuing_authority_code AND c.copy_number = v.copy_number
          WHERE c.import_status IS NULL
          ORDER BY c.id
            FOR UPDATE OF c
       ), received AS (
         UPDATE certificates c SET import_status = '${ImportStatus.RECEIVED}', version = c.version + 1, updated_at = now()
           FROM due WHERE c.id = due.id
         RETURNING c.id AS entity_id, c.status, due.actor, due.received_at, due.data, due.payload
       ), event AS (
         INSERT INTO certificate_events (certificate_id, type, from_status, to_status, actor, occurred_at, data)
         SELECT entity_id, '${CertificateEventType.RECEIVED}', NULL, status, actor, received_at, data FROM received
       )
       ${entry}`);
}

/**
 * The receiving side of the exchange: a certificate another hub issued becomes a RECEIVED copy here,
 * visible to the importing customs and the consignee like any certificate, its issuer-owned status
 * mirrored from the issuer's later messages and its importStatus owned by the local customs
 * (DESIGN.md section 5). Every method works in the caller's transaction, the one that stores the
 * envelope, so an envelope and its effects commit together.
 */
@Injectable()
export class ReceivedCertificatesService {
  private readonly localReceipts = new StatementBatcher((items: LocalReceipt[]) => this.receiveGroup(items), LOCAL_RECEIPT_GROUP);

  constructor(
    private readonly store: CertificateStore,
    private readonly authorities: AuthoritiesService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async held(manager: EntityManager, identity: CertificateIdentity): Promise<HeldCertificate | null> {
    const [row]: { id: string; document_hash: string | null; status: CertificateStatus; origin: CertificateOrigin; received_from: string | null; import_country: string }[] = await manager.query(
      'SELECT id, document_hash, status, origin, received_from, import_country FROM certificates WHERE certificate_number = $1 AND issuing_authority_code = $2 AND copy_number = $3',
      [identity.certificateNumber, identity.issuingAuthority, identity.copyNumber],
    );
    return row
      ? { id: row.id, documentHash: row.document_hash, status: row.status, origin: row.origin, receivedFrom: row.received_from, issuingAuthority: identity.issuingAuthority, importCountry: row.import_country }
      : null;
  }

  /**
   * Serialises the messages about one identity until the caller's transaction ends: two envelopes
   * carrying one certificate wait for each other rather than one failing on the identity's unique
   * index, and a cancellation crossing its certificate sees it, or is seen by it.
   */
  async lockIdentity(manager: EntityManager, identity: CertificateIdentity): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`received-certificate|${identityLabel(identity)}`]);
  }

  /**
   * Stores a received document as a RECEIVED copy (importStatus RECEIVED). The same document under
   * the same identity is already here (another envelope, or this hub issued it): nothing changes. A
   * replacement moves the copy it replaces to REPLACED; a cancellation that arrived first applies.
   */
  async receive(manager: EntityManager, received: ReceivedDocument): Promise<{ id: string; created: boolean }> {
    await this.lockIdentity(manager, received.identity);
    const held = await this.held(manager, received.identity);
    if (held) return { id: held.id, created: false };
    const actor = actorOf(received.source);
    const issuer = await this.authorities.ensureIssuer(manager, received.identity.issuingAuthority, actor);
    const issueDateTime = new Date(received.document.issueDateTime as string);
    const replaced = received.replaces ? await this.held(manager, received.replaces) : null;
    const status = received.cancelledEarlier ? CertificateStatus.CANCELLED : CertificateStatus.ISSUED;
    const saved = await this.store.insert(manager, {
      ...certificateColumns(received.document),
      issuingAuthorityId: issuer.id,
      issuingAuthorityCode: issuer.code,
      copyNumber: received.identity.copyNumber,
      status,
      importStatus: ImportStatus.RECEIVED,
      issueDateTime,
      expiresAt: received.validityDays === null ? null : new Date(issueDateTime.getTime() + received.validityDays * DAY_MS),
      datasetVersion: received.versions.dataset,
      profileVersion: received.versions.profile,
      hsVersion: received.versions.hs,
      canonicalDocument: received.canonical,
      documentHash: received.documentHash,
      signatureCms: received.signatureCms,
      exporterSignatureCms: received.exporterSignatureCms ?? null,
      issuedThrough: received.issuedThrough ?? IssuedThrough.AUTHORITY_DIRECTLY,
      replacesId: replaced?.id ?? null,
      cancellationReason: received.cancelledEarlier?.reason ?? null,
      warnings: received.warnings,
      origin: CertificateOrigin.RECEIVED,
      receivedAt: received.source.at,
      receivedFrom: received.source.partner,
      signatureCheck: { ...received.signatureCheck },
      // A received copy has a public page too: the importing side's customs and public verify it here.
      verificationToken: newVerificationToken(),
    } as Partial<CertificateEntity>);
    const data = { envelopeId: received.source.envelopeId, documentHash: received.documentHash, signatureValid: received.signatureCheck.valid };
    await this.store.appendEvent(manager, { certificateId: saved.id, type: CertificateEventType.RECEIVED, from: null, to: status, actor, at: received.source.at, data });
    if (replaced && replaced.status === CertificateStatus.ISSUED) {
      await manager.query(`UPDATE certificates SET status = $2, replaced_by_id = $3, version = version + 1, updated_at = now() WHERE id = $1`, [replaced.id, CertificateStatus.REPLACED, saved.id]);
      await this.store.appendEvent(manager, {
        certificateId: replaced.id,
        type: CertificateEventType.REPLACED,
        from: replaced.status,
        to: CertificateStatus.REPLACED,
        actor,
        at: received.source.at,
        data: { envelopeId: received.source.envelopeId, replacedBy: identityLabel(received.identity) },
      });
    }
    await this.audit.append(manager, {
      actor,
      action: AuditAction.CERTIFICATE_RECEIVED,
      entityType: 'certificate',
      entityId: saved.id,
      details: { certificate: identityLabel(received.identity), ...data, ...(replaced ? { replaces: replaced.id } : {}), ...(received.cancelledEarlier ? { cancelledOnArrival: true } : {}) },
    });
    return { id: saved.id, created: true };
  }

  /**
   * The issuer cancelled a certificate this hub received: the copy becomes CANCELLED (a cancellation
   * that crosses an acceptance wins for validity; the acceptance stays on record). Answers whether a
   * copy was there to cancel.
   */
  async cancel(manager: EntityManager, cancellation: ReceivedCancellation): Promise<boolean> {
    const held = await this.held(manager, cancellation.identity);
    if (!held) return false;
    if (held.origin !== CertificateOrigin.RECEIVED || held.status !== CertificateStatus.ISSUED) return true;
    const actor = actorOf(cancellation.source);
    await manager.query(`UPDATE certificates SET status = $2, cancellation_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
      held.id,
      CertificateStatus.CANCELLED,
      cancellation.reason,
    ]);
    const data = { envelopeId: cancellation.source.envelopeId, reason: cancellation.reason };
    await this.store.appendEvent(manager, { certificateId: held.id, type: CertificateEventType.CANCELLED, from: held.status, to: CertificateStatus.CANCELLED, actor, at: cancellation.source.at, data });
    await this.audit.append(manager, { actor, action: AuditAction.CERTIFICATE_RECEIVED_UPDATED, entityType: 'certificate', entityId: held.id, details: { status: CertificateStatus.CANCELLED, ...data } });
    return true;
  }

  /**
   * A customs authority served by this same hub (a shared regional hub) gets a certificate through
   * the local route: the row is already here, so receiving it is setting importStatus RECEIVED once,
   * with its event and audit entry. The receipts of the worker's concurrent deliveries go out
   * together, in one statement committed on its own (receiveLocallyStatement): a group of deliveries
   * costs one round trip and one commit where each cost a read, then a write with its commit (issue
   * 14: the worker's local delivery of every certificate issued). A certificate not held here, or
   * already received, is left as it is.
   */
  receiveLocally(identity: CertificateIdentity, source: ReceiptSource): Promise<void> {
    return this.localReceipts.add({ identity, source });
  }

  private async receiveGroup(items: LocalReceipt[]): Promise<void[]> {
    // One receipt per certificate in a statement: a delivery whose job runs twice at once is received once.
    const unique = [...new Map(items.map((item) => [identityKey(item.identity), item])).values()];
    const data = unique.map((item) => ({ envelopeId: item.source.envelopeId, route: 'LOCAL' }));
    const entry = this.audit.appendFromRows('received', AuditAction.CERTIFICATE_RECEIVED, 'certificate', 8);
    await this.dataSource.query(receiveLocallyStatement(entry.text), [
      unique.map((item) => item.identity.certificateNumber),
      unique.map((item) => item.identity.issuingAuthority),
      unique.map((item) => item.identity.copyNumber),
      unique.map((item) => actorOf(item.source)),
      unique.map((item) => item.source.at),
      data.map((d) => JSON.stringify(d)),
      unique.map((item, i) => canonicalize({ certificate: identityLabel(item.identity), ...data[i] })),
      ...entry.values,
    ]);
    return items.map(() => undefined);
  }
}
