import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { IdempotencyRecords, IdempotencyScope, IdempotentResult } from '../../core/http/idempotency-records';
import { Tx, UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { DatasetService, ValidatedDocument } from '../../dataset/dataset.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateIssuance } from '../certificate-issuance';
import type { RenditionFormat } from '../../dataset/formats/rendition-format';
import { CertificateRenditionsService } from '../renditions/certificate-renditions.service';
import { CertificateStore } from '../certificate-store';
import { CheckedDrafts } from '../checked-drafts';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateAction } from '../domain/certificate-lifecycle';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';
import type { CertificateEntity } from '../entities/certificate.entity';

/**
 * POST /v1/certificates/{id}/issue: the rules run again at the issue time the hub sets, the content
 * freezes with the dataset, profile and HS versions it passed, and the canonical form is sealed; the
 * row is written once, in a statement that holds only while the certificate is still at the version
 * read, and locks it (so two concurrent issues cannot both win).
 */
@Injectable()
export class IssueCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly renditions: CertificateRenditionsService,
    private readonly records: IdempotencyRecords,
    private readonly checked: CheckedDrafts,
  ) {}

  /**
   * Under the caller's Idempotency-Key (`scope`), the answer is stored with the issue, in its
   * transaction. Without one, the issue is its read and its one statement, with no transaction around
   * them (issue 14): the statement holds only while the DRAFT is still at the version read, and takes
   * its row lock then, so two concurrent issues still cannot both win.
   */
  async execute(principal: AuthorityPrincipal, id: string, scope?: IdempotencyScope): Promise<IdempotentResult<CertificateView>> {
    const work = (tx: Tx) =>
      this.records.once(tx, scope, 200, async () => {
        const certificate = await this.store.readOwnForChange(tx, id, principal.authorityId);
        return toCertificateView(await this.issueLocked(tx, principal, certificate, this.clock.now()));
      });
    const issued = await (scope ? this.uow.run(work) : this.uow.runReadThenWrite(work));
    this.checked.forget(id);
    return issued;
  }

  /**
   * Issues a DRAFT the caller's change holds (locked, written by it, or read under the condition that
   * it is unchanged at the write). A batch item gives `created`: the DRAFT its create made in this
   * unit of work without writing its row, and the rules that content passed at this same `now` (created
   * and issued at one instant), so they are not run twice; its row is then inserted issued, in one
   * statement with both changes' events, audit entries and deliveries. Otherwise the rules run here:
   * on the stored document as it is when this process checked its shape and wrote the row version
   * read (CheckedDrafts), after checking its shape otherwise; and the row is updated.
   */
  async issueLocked(tx: Tx, principal: AuthorityPrincipal, certificate: CertificateEntity, now: Date, created?: { validated: ValidatedDocument }): Promise<CertificateEntity> {
    const validated = created?.validated;
    const actor = principalLabel(principal);
    const to = this.store.nextStatus(certificate, CertificateAction.ISSUE, now);
    const context = { issuerCountry: principal.country, now, manager: tx.manager };
    const checked =
      validated ??
      (this.checked.unchanged(certificate.id, this.store.rowVersionOf(certificate))
        ? await this.dataset.validateCheckedDocument(certificate.document, context)
        : await this.dataset.validateDocument(certificate.document, context));
    const issued = this.issuance.freeze({
      document: checked.document,
      authorityCode: principal.code,
      copyNumber: certificate.copyNumber,
      now,
      validityDays: checked.validityDays,
    });
    Object.assign(certificate, issued, {
      status: to,
      warnings: checked.warnings,
      datasetVersion: checked.versions.dataset,
      profileVersion: checked.versions.profile,
      hsVersion: checked.versions.hs,
    });
    // Sealed in memory, then the row is written once, with its signature, in the same statement as its
    // event, deliveries and audit entry, which also requires the key still in force (issue 14).
    await this.issuance.signInPlace(tx, certificate);
    tx.add(CERTIFICATE_EVENT, {
      certificateId: certificate.id,
      type: CertificateEventType.ISSUED,
      from: CertificateStatus.DRAFT,
      to,
      actor,
      at: now,
      data: { documentHash: certificate.documentHash, versions: checked.versions },
    });
    // A row not written yet is inserted issued, at the version a create and an issue leave (2); the
    // first statement that needs it there (a rendition's row names it) writes it, else the last. Once:
    // the renditions of several formats are made at the same time, and each waits for the one insert.
    let inserted: Promise<CertificateEntity> | undefined;
    const stored = (): Promise<CertificateEntity> => (inserted ??= this.store.insertUnsavedWith(tx, certificate, 2));
    // Jobs go to the queues once the deliveries are committed, never inside the transaction.
    // Partners that read UBL or edi3 get a rendition beside the record, signed now while the key is active.
    const renditions = async (format: RenditionFormat) => {
      if (created) await stored();
      return this.renditions.within(tx.manager, certificate, format, actor, (entry) => tx.add(AUDIT_ENTRY, entry)).then(CertificateRenditionsService.asPayload);
    };
    await this.outbox.send(tx, { type: MessageType.CO_ISSUED, certificate, at: now, renditions });
    tx.add(AUDIT_ENTRY, {
      actor,
      action: AuditAction.CERTIFICATE_ISSUED,
      entityType: 'certificate',
      entityId: certificate.id,
      details: { certificateNumber: certificate.certificateNumber, documentHash: certificate.documentHash },
    });
    if (created) {
      if (!inserted) return stored();
      // Written already for a rendition: what was added since (the deliveries, the audit entries) is
      // written now, within the item's savepoint, so a failure there undoes this item alone.
      const written = await inserted;
      await tx.flush();
      return written;
    }
    return this.store.saveWith(tx, certificate);
  }
}
