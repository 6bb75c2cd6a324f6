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
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CustomsDecision, CustomsResponseEntity, CustomsResponseRecord } from '../entities/customs-response.entity';
import { CaseAction } from '../domain/case-lifecycle';
import { CaseDecision } from '../domain/case-status';
import { CaseSide, caseSides } from '../domain/parties';
import { RecordOrigin } from '../domain/record-origin';
import { customsResponsePayload } from '../messages/payloads';
import { nextCaseStatus } from './case-refusal';
import { CaseStore } from './case-store';
import { CloseCaseDto } from '../dto/close-case.dto';
import { VerificationCaseView, toCaseView } from '../dto/verification-case.view';

/**
 * POST /v1/verification-cases/{caseId}/close: the importing customs decide. importStatus moves to
 * VERIFIED or REJECTED, and the decision travels to the issuing authority as a CUSTOMS_RESPONSE
 * (CASE_CLOSED), so its hub closes its copy of the case and moves its copy of importStatus too.
 */
@Injectable()
export class CloseCaseUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseStore,
    private readonly importStatus: ImportStatusService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(principal: AuthorityPrincipal, caseId: string, dto: CloseCaseDto): Promise<VerificationCaseView> {
    if (dto.decision === CaseDecision.REJECTED && !dto.remarks?.trim()) {
      throw RequestError.validation([{ ruleId: 'CASE-CLOSE-001', severity: 'error', path: 'remarks', message: 'a rejection states its reason' }]);
    }
    const actor = principalLabel(principal);
    const remarks = dto.remarks?.normalize('NFC') ?? null;
    const view = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const { kase, certificate } = await this.cases.lockForParty(manager, caseId, principal, CaseSide.REQUESTER);
      const at = this.clock.now();
      const status = nextCaseStatus(kase, CaseAction.CLOSE, { now: at, decision: dto.decision });
      const responseId = randomUUID();
      const action = dto.decision === CaseDecision.VERIFIED ? ImportAction.CLOSE_VERIFIED : ImportAction.CLOSE_REJECTED;
      const move = await this.importStatus.move(manager, certificate, action, { reason: remarks, actor, at, data: { caseId, customsResponseId: responseId } });
      await this.cases.update(manager, kase, { status, decision: dto.decision, decisionRemarks: remarks, closedAt: at });
      const response: CustomsResponseRecord = {
        id: responseId,
        certificateId: certificate.id,
        responderAuthority: principal.code,
        issuingAuthority: kase.issuingAuthority,
        certificateNumber: kase.certificateNumber,
        copyNumber: kase.copyNumber,
        decision: CustomsDecision.CASE_CLOSED,
        reason: remarks,
        uses: [],
        caseId,
        caseDecision: dto.decision,
        importStatusFrom: move.from,
        importStatusTo: move.to,
        respondedAt: at,
        origin: RecordOrigin.LOCAL,
        receivedFrom: null,
        envelopeId: null,
        warnings: [],
      };
      await manager.insert(CustomsResponseEntity, response);
      const data = { caseId, decision: dto.decision, remarks, customsResponseId: responseId };
      tx.add(CERTIFICATE_EVENT, { certificateId: certificate.id, type: CertificateEventType.VERIFICATION_CLOSED, from: move.from, to: move.to, actor, at, data });
      await this.outbox.sendTo(tx, {
        type: MessageType.CUSTOMS_RESPONSE,
        from: principal.code,
        to: kase.issuingAuthority,
        certificate,
        payload: { customsResponse: customsResponsePayload(response) },
        at,
      });
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.VERIFICATION_CLOSED, entityType: 'verification_case', entityId: caseId, details: { certificateId: certificate.id, ...data, importStatus: move } });
      const attachments = await this.cases.attachmentViews(manager, caseId);
      return toCaseView(kase, attachments, caseSides(principal, kase));
    });
    return view;
  }
}
