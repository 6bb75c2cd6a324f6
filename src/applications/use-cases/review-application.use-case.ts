import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork, type Tx } from '../../core/unit-of-work/unit-of-work';
import { asOfficer, type Officer } from '../application-callers';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { toApplicationView, toCommentView } from '../application.mappers';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { checkedCertificateData } from '../certificate-data';
import { ApplicationAction, ApplicationEventType } from '../domain/application-status';
import type { ApplicationContext } from '../domain/application-lifecycle';
import type { CertificateDataDto, CommentDto, RejectDto, RequestChangesDto } from '../dto/application-requests.dto';
import type { ApplicationCommentView, ApplicationView } from '../dto/application.view';
import type { ApplicationEntity } from '../entities/application.entity';

/** The officers' steps short of approval: claim, correct the data, comment per field, return, reject. */
@Injectable()
export class ReviewApplicationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly clock: Clock,
  ) {}

  /** POST /v1/applications/{id}/claim: the officer takes the review (or takes it over). */
  claim(principal: Principal, id: string): Promise<ApplicationView> {
    return this.step(principal, id, ApplicationAction.CLAIM, (application, officer) => {
      application.claimedBy = officer.officerId;
      application.claimedAt = this.clock.now();
      return { type: ApplicationEventType.CLAIMED, audit: AuditAction.APPLICATION_CLAIMED };
    });
  }

  /**
   * PUT /v1/applications/{id}/certificate: the officer holding the claim corrects the data. The
   * exporter stays who it is; a change to what the declaration covers voids the exporter's signature.
   */
  amend(principal: Principal, id: string, dto: CertificateDataDto): Promise<ApplicationView> {
    return this.step(principal, id, ApplicationAction.AMEND, (application, officer) => {
      const data = checkedCertificateData(dto.certificate, application.exporterPartyId);
      if (data.exporterMismatch) {
        throw new ApplicationError(ApplicationErrorCode.EXPORTER_NOT_CALLER, `The exporter of an application stays ${application.exporterPartyId}`, undefined, [
          { ruleId: 'APP-EXP-001', severity: 'error', path: 'certificate.exporter.id', message: `must stay ${application.exporterPartyId}` },
        ]);
      }
      application.document = data.document;
      application.lastChangedByOfficer = officer.officerId;
      return { type: ApplicationEventType.AMENDED, audit: AuditAction.APPLICATION_AMENDED };
    });
  }

  /** POST /v1/applications/{id}/comments: a comment on one field, kept with the application. */
  async comment(principal: Principal, id: string, dto: CommentDto): Promise<ApplicationCommentView> {
    let comment: ApplicationCommentView | undefined;
    await this.step(principal, id, ApplicationAction.COMMENT, async (application, officer, tx) => {
      comment = toCommentView(await this.store.addComment(tx.manager, { applicationId: application.id, path: dto.path, text: dto.text, officerId: officer.officerId }));
      return { type: ApplicationEventType.COMMENTED, audit: AuditAction.APPLICATION_COMMENTED, data: { commentId: comment.id, path: dto.path } };
    });
    return comment as ApplicationCommentView;
  }

  /** POST /v1/applications/{id}/request-changes: back to the exporter, who edits and submits again. */
  requestChanges(principal: Principal, id: string, dto: RequestChangesDto): Promise<ApplicationView> {
    return this.step(principal, id, ApplicationAction.REQUEST_CHANGES, (application) => {
      application.claimedBy = null;
      return { type: ApplicationEventType.CHANGES_REQUESTED, audit: AuditAction.APPLICATION_CHANGES_REQUESTED, data: { message: dto.message } };
    });
  }

  /** POST /v1/applications/{id}/reject: a final refusal with coded reasons. */
  reject(principal: Principal, id: string, dto: RejectDto): Promise<ApplicationView> {
    return this.step(
      principal,
      id,
      ApplicationAction.REJECT,
      (application, officer) => {
        application.rejectionReasons = dto.reasons.map((r) => ({ code: r.code, text: r.text ?? null }));
        application.decidedBy = officer.officerId;
        application.decidedAt = this.clock.now();
        return { type: ApplicationEventType.REJECTED, audit: AuditAction.APPLICATION_REJECTED, data: { reasons: dto.reasons.map((r) => r.code) } };
      },
      { reasonCount: dto.reasons.length },
    );
  }

  private async step(
    principal: Principal,
    id: string,
    action: ApplicationAction,
    apply: (application: ApplicationEntity, officer: Officer, tx: Tx) => { type: ApplicationEventType; audit: AuditAction; data?: Record<string, unknown> } | Promise<{ type: ApplicationEventType; audit: AuditAction; data?: Record<string, unknown> }>,
    extra: Partial<ApplicationContext> = {},
  ): Promise<ApplicationView> {
    const officer = asOfficer(principal);
    const { saved, settings } = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { authorityId: officer.principal.authorityId });
      const settings = await this.store.settings(tx.manager, application.authorityId);
      const from = application.status;
      const to = this.steps.next(application, action, { officerId: officer.officerId, claimedBy: application.claimedBy, lastChangedByOfficer: application.lastChangedByOfficer, fourEyes: settings.fourEyes, ...extra });
      const step = await apply(application, officer, tx);
      application.status = to;
      return { saved: await this.steps.record(tx, application, from, { ...step, actor: officer.actor, officerId: officer.officerId, at: this.clock.now() }), settings };
    });
    return toApplicationView(saved, { now: this.clock.now(), settings });
  }
}
