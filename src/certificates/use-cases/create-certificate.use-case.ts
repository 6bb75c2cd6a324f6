import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { DatasetService } from '../../dataset/dataset.service';
import { CertificateStore } from '../certificate-store';
import { CertificateView, toCertificateView } from '../dto/certificate.view';
import { CertificateEventType, CertificateStatus } from '../domain/certificate-status';
import { certificateColumns } from '../domain/certificate-columns';

/** POST /v1/certificates: a DRAFT, validated against the dataset and the rules as of now. */
@Injectable()
export class CreateCertificateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataset: DatasetService,
    private readonly store: CertificateStore,
    private readonly audit: AuditService,
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
    const saved = await this.dataSource.transaction(async (manager) => {
      const certificate = await this.store.insert(manager, {
        ...certificateColumns(validated.document),
        issuingAuthorityId: principal.authorityId,
        issuingAuthorityCode: principal.code,
        copyNumber: 0,
        status: CertificateStatus.DRAFT,
        importStatus: null,
        warnings: validated.warnings,
      });
      await this.store.appendEvent(manager, { certificateId: certificate.id, type: CertificateEventType.CREATED, from: null, to: CertificateStatus.DRAFT, actor, at: now });
      await this.audit.append(manager, {
        actor,
        action: AuditAction.CERTIFICATE_CREATED,
        entityType: 'certificate',
        entityId: certificate.id,
        details: { certificateNumber: certificate.certificateNumber },
      });
      return certificate;
    });
    return toCertificateView(saved);
  }
}
