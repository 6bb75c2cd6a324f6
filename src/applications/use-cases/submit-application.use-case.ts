import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AuthoritiesService } from '../../authorities/authorities.service';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { CodedError } from '../../core/errors/coded-error';
import { RequestError } from '../../core/errors/request-error';
import type { Violation } from '../../core/errors/violation';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { DatasetService } from '../../dataset/dataset.service';
import { asExporter } from '../application-callers';
import { toApplicationView } from '../application.mappers';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { ApplicationAction, ApplicationEventType, SupportingDocumentKind } from '../domain/application-status';
import { declarationViolations } from '../domain/declaration';
import { missingDocuments } from '../domain/required-documents';
import type { ApplicationView } from '../dto/application.view';

/**
 * POST /v1/applications/{id}/submit: the dataset rules (as in force now), the declaration and the
 * supporting documents are checked together, and the exporter sees every problem at once (422);
 * otherwise the application waits in the officers' queue with the rules' warnings recorded.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly dataset: DatasetService,
    private readonly authorities: AuthoritiesService,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: string): Promise<ApplicationView> {
    const exporter = asExporter(principal);
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { exporterTraderId: exporter.traderId });
      const from = application.status;
      const to = this.steps.next(application, ApplicationAction.SUBMIT, { claimedBy: application.claimedBy, lastChangedByOfficer: application.lastChangedByOfficer, fourEyes: true });
      const kinds = (await this.store.documents(tx.manager, application.id)).map((d) => d.kind as SupportingDocumentKind);
      const problems: Violation[] = [...declarationViolations(application.document), ...missingDocuments((application.document.items as { originCriterion?: unknown }[]) ?? [], kinds)];
      let findings: Violation[] = [];
      try {
        const authority = await this.authorities.getAuthorityByCode(application.authorityCode, tx.manager);
        findings = (await this.dataset.validateDocument(application.document, { issuerCountry: authority.country, now, manager: tx.manager })).warnings;
      } catch (error) {
        if (!(error instanceof CodedError) || !error.violations) throw error;
        problems.push(...error.violations.map((v) => ({ ...v, path: `certificate.${v.path}` })));
      }
      if (problems.some((p) => p.severity === 'error')) throw RequestError.validation(problems);
      application.status = to;
      application.submissionFindings = findings;
      application.submittedAt = now;
      application.firstSubmittedAt ??= now;
      application.submittedWithKeyId = exporter.apiKeyId;
      application.claimedBy = null;
      return this.steps.record(tx, application, from, {
        type: ApplicationEventType.SUBMITTED,
        audit: AuditAction.APPLICATION_SUBMITTED,
        actor: `trader:${exporter.partyId}`,
        officerId: null,
        at: now,
        data: { warnings: findings.length, apiKeyId: exporter.apiKeyId, declarationSigned: application.declarationSignature !== null },
      });
    });
    return toApplicationView(saved, { now });
  }
}
