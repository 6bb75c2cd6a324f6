import { Injectable } from '@nestjs/common';
import { AuditAction } from '../../audit/audit-action';
import { AuthoritiesService } from '../../authorities/authorities.service';
import { AuthorityRole } from '../../core/auth/authority-role';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { asExporter } from '../application-callers';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { toApplicationView } from '../application.mappers';
import { ApplicationSteps } from '../application-steps';
import { ApplicationStore } from '../application-store';
import { checkedCertificateData } from '../certificate-data';
import { ApplicationAction, ApplicationEventType, ApplicationStatus } from '../domain/application-status';
import type { CertificateDataDto, CreateApplicationDto } from '../dto/application-requests.dto';
import type { ApplicationView } from '../dto/application.view';

const label = (partyId: string) => `trader:${partyId}`;

/** The exporter's own steps before review: open an application, replace its data, withdraw it. */
@Injectable()
export class ExporterDraftsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ApplicationStore,
    private readonly steps: ApplicationSteps,
    private readonly authorities: AuthoritiesService,
    private readonly clock: Clock,
  ) {}

  /** POST /v1/applications: a DRAFT in the exporter's own name, addressed to an issuing authority. */
  async create(principal: Principal, dto: CreateApplicationDto): Promise<ApplicationView> {
    const exporter = asExporter(principal);
    const authority = await this.authorities.findAuthorityByCode(dto.authority);
    if (!authority || !authority.roles.includes(AuthorityRole.ISSUER) || !authority.servedHere) {
      throw new ApplicationError(ApplicationErrorCode.AUTHORITY_NOT_ISSUER, `${dto.authority} is not an issuing authority served by this hub`);
    }
    const data = checkedCertificateData(dto.certificate, exporter.partyId);
    if (data.exporterMismatch) throw notInOwnName(exporter.partyId);
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.insert(tx.manager, {
        authorityId: authority.id,
        authorityCode: authority.code,
        exporterTraderId: exporter.traderId,
        exporterPartyId: exporter.partyId,
        status: ApplicationStatus.DRAFT,
        document: data.document,
        submissionFindings: [],
        version: 0,
      });
      return this.steps.record(tx, application, null, { type: ApplicationEventType.CREATED, audit: AuditAction.APPLICATION_CREATED, actor: label(exporter.partyId), officerId: null, at: now, data: { authority: authority.code } });
    });
    return toApplicationView(saved, { now });
  }

  /** PUT /v1/applications/{id}: the exporter replaces the data of a draft or of a returned application. */
  async edit(principal: Principal, id: string, dto: CertificateDataDto): Promise<ApplicationView> {
    const exporter = asExporter(principal);
    const data = checkedCertificateData(dto.certificate, exporter.partyId);
    if (data.exporterMismatch) throw notInOwnName(exporter.partyId);
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { exporterTraderId: exporter.traderId });
      const from = application.status;
      application.status = this.steps.next(application, ApplicationAction.EDIT, { claimedBy: application.claimedBy, lastChangedByOfficer: application.lastChangedByOfficer, fourEyes: true });
      application.document = data.document;
      return this.steps.record(tx, application, from, { type: ApplicationEventType.EDITED, audit: AuditAction.APPLICATION_EDITED, actor: label(exporter.partyId), officerId: null, at: now });
    });
    return toApplicationView(saved, { now });
  }

  /** POST /v1/applications/{id}/withdraw: the exporter withdraws before a decision. */
  async withdraw(principal: Principal, id: string): Promise<ApplicationView> {
    const exporter = asExporter(principal);
    const now = this.clock.now();
    const saved = await this.uow.run(async (tx) => {
      const application = await this.store.lock(tx.manager, id, { exporterTraderId: exporter.traderId });
      const from = application.status;
      application.status = this.steps.next(application, ApplicationAction.WITHDRAW, { claimedBy: application.claimedBy, lastChangedByOfficer: application.lastChangedByOfficer, fourEyes: true });
      application.claimedBy = null;
      return this.steps.record(tx, application, from, { type: ApplicationEventType.WITHDRAWN, audit: AuditAction.APPLICATION_WITHDRAWN, actor: label(exporter.partyId), officerId: null, at: now });
    });
    return toApplicationView(saved, { now });
  }
}

export function notInOwnName(partyId: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.EXPORTER_NOT_CALLER, `An exporter applies only in its own name: certificate.exporter.id must be ${partyId}`, undefined, [
    { ruleId: 'APP-EXP-001', severity: 'error', path: 'certificate.exporter.id', message: `must be the caller's party id, ${partyId}` },
  ]);
}
