import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import type { Tx } from '../../core/unit-of-work/unit-of-work';
import { DatasetService } from '../../dataset/dataset.service';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateIssuance } from '../certificate-issuance';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { certificateColumns } from '../certificate-columns';
import { CertificateEventType, CertificateStatus, IssuedThrough } from '../domain/certificate-status';

export interface ApplicationIssueInput {
  authority: { id: string; code: string; country: string };
  applicationId: string;
  /** The certificate data as approved. */
  document: Record<string, unknown>;
  /** The exporter's detached CMS over its declaration, or null when it declared through its API key. */
  exporterSignatureCms: Buffer | null;
  /** The audit label of the approving officer. */
  actor: string;
}

export interface ApplicationIssueResult {
  certificate: CertificateView;
  /** The rules' warnings at issue time (the versions in force now). */
  findings: Violation[];
}

/**
 * The certificate of an approved application: created and issued at once, in the approval's unit of
 * work, exactly as an authority's own issue (the rules again at the hub's issue time, the canonical
 * form frozen and sealed, sent to the importing country), and stating that it was made on an
 * exporter's application. When the exporter signed its declaration, the authority's CMS covers that
 * signature through a signed attribute, and the signature travels beside the document.
 */
@Injectable()
export class IssueOnApplicationUseCase {
  constructor(
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly issuance: CertificateIssuance,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async issue(tx: Tx, input: ApplicationIssueInput): Promise<ApplicationIssueResult> {
    const { manager } = tx;
    const now = this.clock.now();
    const validated = await this.dataset.validateDocument(input.document, { issuerCountry: input.authority.country, now, manager });
    if (validated.document.documentFunction !== 'ORIGINAL') {
      throw RequestError.validation([{ ruleId: 'CO-FN-001', severity: 'error', path: 'documentFunction', message: 'An application is for an ORIGINAL certificate' }]);
    }
    const certificate = await this.store.insert(manager, {
      ...certificateColumns(validated.document),
      issuingAuthorityId: input.authority.id,
      issuingAuthorityCode: input.authority.code,
      copyNumber: 0,
      status: CertificateStatus.DRAFT,
      importStatus: null,
      warnings: validated.warnings,
      issuedThrough: input.exporterSignatureCms ? IssuedThrough.APPLICATION_SIGNED_BY_EXPORTER : IssuedThrough.APPLICATION_THROUGH_EXPORTER_API_KEY,
      applicationId: input.applicationId,
      exporterSignatureCms: input.exporterSignatureCms,
    });
    const issued = this.issuance.freeze({ document: validated.document, authorityCode: input.authority.code, copyNumber: 0, now, validityDays: validated.validityDays });
    Object.assign(certificate, issued, {
      status: CertificateStatus.ISSUED,
      datasetVersion: validated.versions.dataset,
      profileVersion: validated.versions.profile,
      hsVersion: validated.versions.hs,
    });
    const saved = await this.store.save(manager, certificate);
    await this.issuance.seal(manager, saved);
    const base = { certificateId: saved.id, actor: input.actor, at: now };
    tx.add(
      CERTIFICATE_EVENT,
      { ...base, type: CertificateEventType.CREATED, from: null, to: CertificateStatus.DRAFT, data: { applicationId: input.applicationId } },
      {
        ...base,
        type: CertificateEventType.ISSUED,
        from: CertificateStatus.DRAFT,
        to: CertificateStatus.ISSUED,
        data: { documentHash: saved.documentHash, versions: validated.versions, applicationId: input.applicationId, issuedThrough: saved.issuedThrough },
      },
    );
    await this.outbox.send(tx, { type: MessageType.CO_ISSUED, certificate: saved, at: now });
    tx.add(AUDIT_ENTRY, {
      actor: input.actor,
      action: AuditAction.CERTIFICATE_ISSUED,
      entityType: 'certificate',
      entityId: saved.id,
      details: { certificateNumber: saved.certificateNumber, documentHash: saved.documentHash, applicationId: input.applicationId, issuedThrough: saved.issuedThrough },
    });
    return { certificate: toCertificateView(saved), findings: validated.warnings };
  }
}
