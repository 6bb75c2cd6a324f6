import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { DatasetService } from '../../dataset/dataset.service';
import { CERTIFICATE_EVENT } from '../certificate-event.effect';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';
import { certificateColumns } from '../domain/certificate-columns';

/** POST /v1/certificates: a DRAFT, validated against the dataset and the rules as of now. */
@Injectable()
export class CreateCertificateUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly clock: Clock,
  ) {}

  async execute(principal: AuthorityPrincipal, body: unknown): Promise<CertificateView> {
    const now = this.clock.now();
    const validated = await this.dataset.validateDocument(body, { issuerCountry: principal.country, now });
    if (validated.document.documentFunction !== 'ORIGINAL') {
      throw RequestError.validation([
        { ruleId: 'CO-FN-001', severity: 'error', path: 'documentFunction', message: 'Create ORIGINAL certificates here; replacements and duplicates have their own endpoints' },
        ...validated.warnings,
      ]);
    }
    const actor = principalLabel(principal);
    // One statement writes the certificate, its event and its audit entry (issue 14).
    const saved = await this.uow.run(async (tx) => {
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
      return this.store.insertWith(tx, {
        ...columns,
        id,
        issuingAuthorityId: principal.authorityId,
        issuingAuthorityCode: principal.code,
        copyNumber: 0,
        status: CertificateStatus.DRAFT,
        importStatus: null,
        warnings: validated.warnings,
      });
    });
    return toCertificateView(saved);
  }
}
