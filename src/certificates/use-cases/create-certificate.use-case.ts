import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { IdempotencyRecords, IdempotencyScope, IdempotentResult } from '../../core/http/idempotency-records';
import { Tx, UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { DatasetService, ValidatedDocument } from '../../dataset/dataset.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateStore } from '../certificate-store';
import { CheckedDrafts } from '../checked-drafts';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';
import { certificateColumns } from '../certificate-columns';
import type { CertificateEntity } from '../entities/certificate.entity';

/**
 * A DRAFT made in the caller's unit of work, with the validation it passed: the batch issues it at
 * the same instant, and its row is first written issued (its CREATED event and audit entry wait in
 * the unit of work for that statement).
 */
export interface CreatedDraft {
  certificate: CertificateEntity;
  validated: ValidatedDocument;
}

/** How a create is answered: under the caller's Idempotency-Key, and in what form (a UBL or edi3 body's paths). */
export interface CreateCall {
  scope?: IdempotencyScope;
  present?: (view: CertificateView) => CertificateView;
}

/** POST /v1/certificates: a DRAFT, validated against the dataset and the rules as of now. */
@Injectable()
export class CreateCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly clock: Clock,
    private readonly records: IdempotencyRecords,
    private readonly checked: CheckedDrafts,
  ) {}

  async execute(principal: AuthorityPrincipal, body: unknown, call: CreateCall = {}): Promise<IdempotentResult<CertificateView>> {
    const now = this.clock.now();
    const present = call.present ?? ((view: CertificateView) => view);
    if (!call.scope) {
      // Validated before the transaction opens: a refused body holds no connection.
      const validated = await this.validate(principal, body, now);
      // Its one statement alone: PostgreSQL commits it on its own, no START and COMMIT round trips.
      const certificate = await this.uow.runAlone((tx) => this.write(tx, principal, validated, now));
      // Committed: its issue may skip the shape check of what was checked here (CheckedDrafts).
      this.checked.stored(certificate.id, this.store.rowVersionOf(certificate));
      return { replayed: false, body: present(toCertificateView(certificate)) };
    }
    // Under a key, the key is claimed first in the transaction (a repetition gets the first answer
    // whatever the rules say now), and the answer is stored with the certificate: no commit of its own.
    let written: CertificateEntity | undefined;
    const answer = await this.uow.run((tx) =>
      this.records.once(tx, call.scope, 201, async () => {
        const validated = await this.validate(principal, body, now, tx);
        written = await this.write(tx, principal, validated, now);
        return present(toCertificateView(written));
      }),
    );
    // A create made now (not an earlier answer replayed), committed.
    if (!answer.replayed && written) this.checked.stored(written.id, this.store.rowVersionOf(written));
    return answer;
  }

  /**
   * The create in the caller's unit of work, its row not written (one item of a batch, which the
   * caller issues at once with this validation and then inserts issued: IssueCertificateUseCase's
   * issueLocked with `created`). A DRAFT that is issued in the same transaction is never seen as
   * one, so it is not written twice (issue 14: one statement an item, no row written and then updated).
   */
  async within(tx: Tx, principal: AuthorityPrincipal, body: unknown, now: Date): Promise<CreatedDraft> {
    const validated = await this.validate(principal, body, now, tx);
    return { certificate: this.store.unsaved(tx, this.draft(tx, principal, validated, now)), validated };
  }

  private async validate(principal: AuthorityPrincipal, body: unknown, now: Date, tx?: Tx): Promise<ValidatedDocument> {
    const validated = await this.dataset.validateDocument(body, { issuerCountry: principal.country, now, manager: tx?.manager });
    if (validated.document.documentFunction !== 'ORIGINAL') {
      throw RequestError.validation([
        { ruleId: 'CO-FN-001', severity: 'error', path: 'documentFunction', message: 'Create ORIGINAL certificates here; replacements and duplicates have their own endpoints' },
        ...validated.warnings,
      ]);
    }
    return validated;
  }

  /** The certificate, its event and its audit entry in one statement (issue 14): the id is chosen first so the effects can name it. */
  private async write(tx: Tx, principal: AuthorityPrincipal, validated: ValidatedDocument, now: Date): Promise<CertificateEntity> {
    return this.store.insertWith(tx, this.draft(tx, principal, validated, now));
  }

  /** A DRAFT's columns, its CREATED event and audit entry added to the unit of work for the statement that writes its row. */
  private draft(tx: Tx, principal: AuthorityPrincipal, validated: ValidatedDocument, now: Date): Partial<CertificateEntity> {
    const actor = principalLabel(principal);
    const id = randomUUID();
    const columns = certificateColumns(validated.document);
    tx.add(CERTIFICATE_EVENT, { certificateId: id, type: CertificateEventType.CREATED, from: null, to: CertificateStatus.DRAFT, actor, at: now });
    tx.add(AUDIT_ENTRY, {
      actor,
      action: AuditAction.CERTIFICATE_CREATED,
      entityType: 'certificate',
      entityId: id,
      details: { certificateNumber: columns.certificateNumber },
    });
    return {
      ...columns,
      id,
      issuingAuthorityId: principal.authorityId,
      issuingAuthorityCode: principal.code,
      copyNumber: 0,
      status: CertificateStatus.DRAFT,
      importStatus: null,
      warnings: validated.warnings,
    };
  }
}
