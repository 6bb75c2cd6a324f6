import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { CERTIFICATE_EVENT } from '../../certificates/certificate-event.effect';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import { ImportAction } from '../../certificates/domain/import-status-lifecycle';
import { ImportStatusService } from '../../certificates/import-status/import-status.service';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { RequestError } from '../../core/errors/request-error';
import { DatasetService } from '../../dataset/dataset.service';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CaseStatus } from '../domain/case-status';
import { caseSides } from '../domain/parties';
import { RecordOrigin } from '../domain/record-origin';
import { responseDue, windowOf } from '../domain/response-window';
import { verificationRequestPayload } from '../messages/payloads';
import { CaseStore } from './case-store';
import { VerificationCaseView, toCaseView } from '../dto/verification-case.view';
import { VerificationRequestDto } from '../dto/verification-request.dto';

/**
 * POST /v1/certificates/{id}/verification-requests: the importing customs open a case on a
 * certificate, before or after clearance. importStatus becomes DISPUTED, the due date comes from the
 * agreement's window, and a VERIFICATION_REQUEST goes to the issuing authority, in one transaction.
 */
@Injectable()
export class RequestVerificationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseStore,
    private readonly importStatus: ImportStatusService,
    private readonly dataset: DatasetService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(principal: AuthorityPrincipal, certificateId: string, dto: VerificationRequestDto): Promise<VerificationCaseView> {
    const actor = principalLabel(principal);
    const catalog = await this.dataset.catalog();
    const view = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const certificate = await this.cases.lockCertificateForCustoms(manager, principal, certificateId);
      const at = this.clock.now();
      const window = windowOf(catalog, certificate.profileVersion);
      const due = responseDue(window, at, dto.responseDays);
      if (!due.ok) throw RequestError.validation([{ ruleId: 'CASE-DUE-001', severity: 'error', path: 'responseDays', message: due.problem }]);
      const caseId = randomUUID();
      const move = await this.importStatus.move(manager, certificate, ImportAction.DISPUTE, { actor, at, data: { caseId } });
      const kase = await this.cases.insert(manager, {
        id: caseId,
        certificateId,
        requestingAuthority: principal.code,
        issuingAuthority: certificate.issuingAuthorityCode,
        certificateNumber: certificate.certificateNumber,
        copyNumber: certificate.copyNumber,
        status: CaseStatus.REQUESTED,
        reason: dto.reason.normalize('NFC'),
        questions: dto.questions.map((q) => q.normalize('NFC')),
        requestedDocuments: (dto.requestedDocuments ?? []).map((d) => d.normalize('NFC')),
        requestedAt: at,
        dueAt: due.due.dueAt,
        responseDays: due.due.days,
        responseWindow: window,
        importStatusBefore: move.from,
        origin: RecordOrigin.LOCAL,
        receivedFrom: null,
      });
      const data = { caseId, reason: kase.reason, dueAt: kase.dueAt?.toISOString() ?? null };
      tx.add(CERTIFICATE_EVENT, { certificateId, type: CertificateEventType.VERIFICATION_REQUESTED, from: move.from, to: move.to, actor, at, data });
      await this.outbox.sendTo(tx, {
        type: MessageType.VERIFICATION_REQUEST,
        from: principal.code,
        to: certificate.issuingAuthorityCode,
        certificate,
        payload: { verificationRequest: verificationRequestPayload(kase, move.to) },
        at,
      });
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.VERIFICATION_REQUESTED, entityType: 'verification_case', entityId: caseId, details: { certificateId, ...data, questions: kase.questions.length } });
      return toCaseView(kase, [], caseSides(principal, kase));
    });
    return view;
  }
}
