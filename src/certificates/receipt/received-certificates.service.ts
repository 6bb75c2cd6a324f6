import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateError, CertificateErrorCode } from '../certificate.error';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
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

/**
 * The receiving side of the exchange: a certificate another hub issued becomes a RECEIVED copy here,
 * visible to the importing customs and the consignee like any certificate, its issuer-owned status
 * mirrored from the issuer's later messages and its importStatus owned by the local customs
 * (DESIGN.md section 5). Every method works in the caller's transaction, the one that stores the
 * envelope, so an envelope and its effects commit together.
 */
@Injectable()
export class ReceivedCertificatesService {
  constructor(
    private readonly store: CertificateStore,
    private readonly authorities: AuthoritiesService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
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
   * Stores a received document as a RECEIVED copy (importStatus RECEIVED). The same document under
   * the same identity is already here (another envelope, or this hub issued it): nothing changes. A
   * replacement moves the copy it replaces to REPLACED; a cancellation that arrived first applies.
   */
  /**
   * Serialises the messages about one identity until the caller's transaction ends: two envelopes
   * carrying one certificate wait for each other rather than one failing on the identity's unique
   * index, and a cancellation crossing its certificate sees it, or is seen by it.
   */
  async lockIdentity(manager: EntityManager, identity: CertificateIdentity): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`received-certificate|${identityLabel(identity)}`]);
  }

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
   * the local route: the row is already here, so receiving it is setting importStatus RECEIVED once.
   * In a unit of work of its own, as the local route stores nothing else: the row read without a
   * lock, then its importStatus, event and audit entry in one statement that holds only while the
   * row is still at the version read (taken FOR UPDATE by the statement itself; a concurrent change
   * makes it run once more, reading afresh, and a second run of the same delivery then finds it
   * received). Two round trips where START, the locked read, the write and COMMIT were four (issue
   * 14: the worker's local delivery of every certificate issued).
   */
  async receiveLocally(identity: CertificateIdentity, source: ReceiptSource): Promise<boolean> {
    return this.uow.runReadThenWrite(async (tx) => {
      const [row]: { id: string; status: CertificateStatus; import_status: ImportStatus | null; version: number }[] = await tx.manager.query(
        'SELECT id, status, import_status, version FROM certificates WHERE certificate_number = $1 AND issuing_authority_code = $2 AND copy_number = $3',
        [identity.certificateNumber, identity.issuingAuthority, identity.copyNumber],
      );
      if (!row) return false;
      if (row.import_status !== null) return true;
      tx.require({
        sql: { text: 'ecoo_certificate_at_version($1::uuid, $2::integer)', values: [row.id, row.version] },
        onFailure: () => undefined,
        failure: () => new CertificateError(CertificateErrorCode.ILLEGAL_TRANSITION, `Certificate ${identityLabel(identity)} changed twice while its local receipt was written; the delivery is tried again`, {}),
      });
      const data = { envelopeId: source.envelopeId, route: 'LOCAL' };
      const actor = actorOf(source);
      tx.add(CERTIFICATE_EVENT, { certificateId: row.id, type: CertificateEventType.RECEIVED, from: null, to: row.status, actor, at: source.at, data });
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.CERTIFICATE_RECEIVED, entityType: 'certificate', entityId: row.id, details: { certificate: identityLabel(identity), ...data } });
      await tx.flushWith({ text: 'UPDATE certificates SET import_status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id', values: [row.id, ImportStatus.RECEIVED] });
      return true;
    });
  }
}
