import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AuthoritiesService } from '../../authorities/authorities.service';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { IssueOnApplicationUseCase } from '../../certificates/use-cases/issue-on-application.use-case';
import { canonicalDeclaration, declarationHash } from '../../dataset/exporter-declaration';
import { KeyOwnerType } from '../../pki/domain/key-owner';
import { SignatureVerificationService } from '../../pki/services/signature-verification.service';
import { asOfficer } from '../application-callers';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { toApplicationView } from '../application.mappers';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { ApplicationAction, ApplicationEventType, DeclarationMadeBy } from '../domain/application-status';
import { signatureStillCovers } from '../domain/declaration';
import { ruleDifferences } from '../domain/rule-differences';
import type { ApprovalView } from '../dto/application.view';

/**
 * POST /v1/applications/{id}/approve: the officer holding the claim approves, unless four eyes
 * forbid it (they last changed the data) or the exporter's signature no longer covers its
 * declaration. In the same unit of work the certificate is created and issued through the
 * certificates module, exactly as an authority's own issue (rules again at issue time, sealed, sent);
 * how the rules' answer moved since the submission comes back to the officer as warnings.
 */
@Injectable()
export class ApproveApplicationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly authorities: AuthoritiesService,
    private readonly issuing: IssueOnApplicationUseCase,
    private readonly signatures: SignatureVerificationService,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: string): Promise<ApprovalView> {
    const officer = asOfficer(principal);
    const authority = await this.authorities.getAuthorityByCode(officer.principal.code);
    return this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { authorityId: officer.principal.authorityId });
      const settings = await this.store.settings(tx.manager, application.authorityId);
      const from = application.status;
      const to = this.steps.next(application, ApplicationAction.APPROVE, {
        officerId: officer.officerId,
        claimedBy: application.claimedBy,
        lastChangedByOfficer: application.lastChangedByOfficer,
        fourEyes: settings.fourEyes,
      });
      const signed = application.declarationSignature !== null;
      if (signed && !signatureStillCovers(application.declarationSignedHash, declarationHash(application.document))) {
        throw new ApplicationError(
          ApplicationErrorCode.DECLARATION_SIGNATURE_VOID,
          "The exporter's signature covers an earlier declaration: what it declares changed since, so the exporter signs the declaration again (POST /v1/applications/{id}/declaration-signature) before approval",
          { signedHash: application.declarationSignedHash, currentHash: declarationHash(application.document) },
        );
      }
      if (application.declarationSignature) {
        // Checked again as of the issue: a key revoked or expired since the signature no longer carries it.
        const owner = { type: KeyOwnerType.AUTHORITY, authorityId: application.authorityId, code: application.authorityCode } as const;
        const checked = await this.signatures.verify({ owner, content: canonicalDeclaration(application.document), cmsDer: application.declarationSignature, issueTime: this.clock.now() }, tx.manager);
        if (!checked.valid) {
          throw new ApplicationError(
            ApplicationErrorCode.DECLARATION_SIGNATURE_INVALID,
            `The exporter's signature no longer verifies as of the issue (${checked.reasons.join(', ')}): the exporter signs its declaration again with a valid key`,
            { reasons: checked.reasons },
          );
        }
      }
      const issued = await this.issuing.issue(tx, {
        authority: { id: authority.id, code: authority.code, country: authority.country },
        applicationId: application.id,
        document: application.document,
        exporterSignatureCms: application.declarationSignature,
        actor: officer.actor,
      });
      const differences = ruleDifferences(application.submissionFindings, issued.findings);
      const now = this.clock.now();
      application.status = to;
      application.decidedBy = officer.officerId;
      application.decidedAt = now;
      application.certificateId = issued.certificate.id;
      const saved = await this.steps.record(tx, application, from, {
        type: ApplicationEventType.APPROVED,
        audit: AuditAction.APPLICATION_APPROVED,
        actor: officer.actor,
        officerId: officer.officerId,
        at: now,
        data: {
          certificateId: issued.certificate.id,
          certificateNumber: issued.certificate.certificateNumber,
          declarationMadeBy: signed ? DeclarationMadeBy.EXPORTER_SIGNATURE : DeclarationMadeBy.EXPORTER_API_KEY,
          ruleDifferences: differences,
        },
      });
      return {
        application: toApplicationView(saved, { now, settings }),
        certificate: issued.certificate as unknown as Record<string, unknown>,
        ruleDifferences: differences,
      };
    });
  }
}
