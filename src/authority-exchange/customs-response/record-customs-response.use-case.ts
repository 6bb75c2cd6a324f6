import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { CERTIFICATE_EVENT } from '../../certificates/certificate-event.effect';
import { CertificateError, CertificateErrorCode } from '../../certificates/certificate.error';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import { ImportAction } from '../../certificates/domain/import-status-lifecycle';
import type { ItemBalance } from '../../certificates/domain/use-ledger';
import { CertificateUseSource } from '../../certificates/domain/use-ledger';
import { ImportStatusService } from '../../certificates/import-status/import-status.service';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { RequestError } from '../../core/errors/request-error';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { CaseStore } from '../cases/case-store';
import { customsResponseProblems } from '../domain/customs-response-rules';
import { RecordOrigin } from '../domain/record-origin';
import { customsResponsePayload } from '../messages/payloads';
import { CustomsDecision, CustomsResponseEntity, CustomsResponseRecord } from '../entities/customs-response.entity';
import { CustomsResponseDecision, CustomsResponseDto } from '../dto/customs-response.dto';
import { CustomsResponseView, toCustomsResponseView } from '../dto/customs-response.view';

const ACTIONS: Record<CustomsResponseDecision, ImportAction> = {
  [CustomsResponseDecision.ACCEPT]: ImportAction.ACCEPT,
  [CustomsResponseDecision.REJECT]: ImportAction.REJECT,
  [CustomsResponseDecision.USE]: ImportAction.USE,
};

/**
 * POST /v1/certificates/{id}/customs-responses: the importing customs accept, reject or use a
 * certificate. One transaction moves importStatus, records the uses in the ledger (the response id
 * is their reference), keeps the response and writes the CUSTOMS_RESPONSE for the issuing
 * authority; the delivery is enqueued after the commit.
 */
@Injectable()
export class RecordCustomsResponseUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseStore,
    private readonly importStatus: ImportStatusService,
    private readonly ledger: CertificateLedger,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(principal: AuthorityPrincipal, certificateId: string, dto: CustomsResponseDto): Promise<CustomsResponseView> {
    const problems = customsResponseProblems(dto);
    if (problems.length > 0) throw RequestError.validation(problems);
    const actor = principalLabel(principal);
    const reason = dto.reason?.normalize('NFC') ?? null;
    const uses = (dto.uses ?? []).map((u) => ({ itemNumber: u.itemNumber, quantity: u.quantity, unit: u.unit }));
    const view = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const certificate = await this.cases.lockCertificateForCustoms(manager, principal, certificateId);
      const at = this.clock.now();
      const id = randomUUID();
      const move = await this.importStatus.move(manager, certificate, ACTIONS[dto.decision], { reason, actor, at, data: { customsResponseId: id, decision: dto.decision } });
      const row: CustomsResponseRecord = {
        id,
        certificateId,
        responderAuthority: principal.code,
        issuingAuthority: certificate.issuingAuthorityCode,
        certificateNumber: certificate.certificateNumber,
        copyNumber: certificate.copyNumber,
        decision: CustomsDecision[dto.decision],
        reason,
        uses,
        caseId: null,
        caseDecision: null,
        importStatusFrom: move.from,
        importStatusTo: move.to,
        respondedAt: at,
        origin: RecordOrigin.LOCAL,
        receivedFrom: null,
        envelopeId: null,
        warnings: [],
      };
      await manager.insert(CustomsResponseEntity, row);
      tx.add(CERTIFICATE_EVENT, { certificateId, type: CertificateEventType.CUSTOMS_RESPONSE, from: move.from, to: move.to, actor, at, data: { customsResponseId: id, decision: dto.decision, reason } });
      const balances = dto.decision === CustomsResponseDecision.USE ? await this.recordUses(manager, certificateId, id, uses, actor, at) : undefined;
      await this.outbox.sendTo(tx, {
        type: MessageType.CUSTOMS_RESPONSE,
        from: principal.code,
        to: certificate.issuingAuthorityCode,
        certificate,
        payload: { customsResponse: customsResponsePayload(row) },
        at,
      });
      tx.add(AUDIT_ENTRY, {
        actor,
        action: AuditAction.CUSTOMS_RESPONSE_RECORDED,
        entityType: 'certificate',
        entityId: certificateId,
        details: { customsResponseId: id, decision: dto.decision, reason, uses, importStatus: move },
      });
      return toCustomsResponseView(row, balances);
    });
    return view;
  }

  /** The ledger names the lines `items[i]`; the caller sent them as `uses[i]`. */
  private async recordUses(manager: EntityManager, certificateId: string, reference: string, lines: CustomsResponseRecord['uses'], actor: string, at: Date): Promise<ItemBalance[]> {
    try {
      return (await this.ledger.record(manager, { certificateId, source: CertificateUseSource.CUSTOMS_RESPONSE, reference, lines, actor, at })).balances;
    } catch (error) {
      if (error instanceof CertificateError && error.code === CertificateErrorCode.USE_NOT_AVAILABLE) {
        const violations = (error.violations ?? []).map((v) => ({ ...v, path: v.path.replace(/^items/, 'uses') }));
        throw new CertificateError(error.code, error.message, error.extra, violations);
      }
      throw error;
    }
  }
}
