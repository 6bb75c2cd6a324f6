import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateRecords } from '../../certificates/certificate-records.service';
import { CertificateError } from '../../certificates/certificate.error';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import type { CertificateRecord } from '../../certificates/certificate-record';
import { CertificateUseSource } from '../../certificates/domain/use-ledger';
import { ImportStatusService } from '../../certificates/import-status/import-status.service';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import { refusedOutcome } from '../../exchange/domain/inbound-acknowledgement';
import type { InboundOutcome } from '../../exchange/domain/inbound-acknowledgement';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { CaseStore } from '../cases/case-store';
import { CustomsDecision, CustomsResponseEntity } from '../entities/customs-response.entity';
import { CaseDecision, CaseStatus } from '../domain/case-status';
import { RecordOrigin } from '../domain/record-origin';
import { CustomsResponsePayloadDto } from '../dto/received-payloads.dto';
import { ImportingSideAuthorisation } from './importing-side-authorisation';
import { delivered, payloadOf, withWarnings } from './inbound-outcomes';

/**
 * A CUSTOMS_RESPONSE on the issuer's hub: its copy of importStatus follows, the uses go into its
 * ledger under the same reference, and a case decision closes its copy of the case, so both sides
 * agree. What cannot be applied is kept and acknowledged with warnings, never refused.
 */
@Injectable()
export class CustomsResponseReceiver {
  constructor(
    private readonly certificates: CertificateRecords,
    private readonly importStatus: ImportStatusService,
    private readonly ledger: CertificateLedger,
    private readonly cases: CaseStore,
    private readonly audit: AuditService,
    private readonly importingSide: ImportingSideAuthorisation,
  ) {}

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const parsed = payloadOf(CustomsResponsePayloadDto, envelope, 'customsResponse');
    if ('outcome' in parsed) return parsed.outcome;
    const response = parsed.value;
    const allowed = await this.importingSide.check(manager, envelope, context, response.respondedBy);
    if ('refusal' in allowed) return refusedOutcome(allowed.refusal);
    const held = allowed.held;
    const certificate = (await this.certificates.lockForChange(manager, held.id)) as CertificateRecord;
    // Under the certificate's lock: the same response in two envelopes is applied once.
    if (await manager.exists(CustomsResponseEntity, { where: { id: response.id } })) return delivered();

    const actor = `partner:${context.partner?.code ?? 'unknown'}`;
    const at = context.receivedAt;
    const data = { customsResponseId: response.id, decision: response.decision, envelopeId: envelope.envelopeId };
    const warnings: string[] = [];
    const mirrored = await this.importStatus.mirror(manager, certificate.id, { from: response.importStatus.from, to: response.importStatus.to }, { actor, at, data });
    if (mirrored.warning) warnings.push(mirrored.warning);
    if (response.decision === CustomsDecision.USE) await this.recordUses(manager, certificate.id, response, actor, at, warnings);
    if (response.decision === CustomsDecision.CASE_CLOSED) await this.closeCase(manager, response, certificate.id, actor, at, warnings);
    await manager.insert(CustomsResponseEntity, {
      id: response.id,
      certificateId: certificate.id,
      responderAuthority: response.respondedBy,
      issuingAuthority: certificate.issuingAuthorityCode,
      certificateNumber: certificate.certificateNumber,
      copyNumber: certificate.copyNumber,
      decision: response.decision as CustomsDecision,
      reason: response.reason?.normalize('NFC') ?? null,
      uses: response.uses.map((u) => ({ itemNumber: u.itemNumber, quantity: u.quantity, unit: u.unit })),
      caseId: response.caseId ?? null,
      caseDecision: response.caseDecision ?? null,
      importStatusFrom: response.importStatus.from,
      importStatusTo: response.importStatus.to,
      respondedAt: new Date(response.respondedAt),
      origin: RecordOrigin.RECEIVED,
      receivedFrom: context.partner?.code ?? null,
      envelopeId: envelope.envelopeId,
      warnings,
    });
    // The move as the customs reported it; IMPORT_STATUS_CHANGED records what this hub's copy did.
    const reported = { from: response.importStatus.from, to: response.importStatus.to };
    await this.certificates.appendEvent(manager, { certificateId: certificate.id, type: CertificateEventType.CUSTOMS_RESPONSE, from: null, to: null, actor, at, data: { ...data, reported, applied: mirrored.applied, warnings } });
    await this.audit.append(manager, { actor, action: AuditAction.CUSTOMS_RESPONSE_RECEIVED, entityType: 'certificate', entityId: certificate.id, details: { ...data, respondedBy: response.respondedBy, warnings } });
    return withWarnings(warnings.map((message) => ({ path: 'payload.customsResponse', message })));
  }

  private async recordUses(manager: EntityManager, certificateId: string, response: CustomsResponsePayloadDto, actor: string, at: Date, warnings: string[]): Promise<void> {
    try {
      await this.ledger.record(manager, { certificateId, source: CertificateUseSource.CUSTOMS_RESPONSE, reference: response.id, lines: response.uses, actor, at });
    } catch (error) {
      // The ledger judges before it writes: a refusal leaves nothing half-recorded.
      if (!(error instanceof CertificateError)) throw error;
      warnings.push(`the use is not recorded in this hub's ledger: ${error.message}${error.violations?.length ? ` (${error.violations.map((v) => v.message).join('; ')})` : ''}`);
    }
  }

  /** The importing customs' decision closes this hub's copy of the case, whatever it was waiting for. */
  private async closeCase(manager: EntityManager, response: CustomsResponsePayloadDto, certificateId: string, actor: string, at: Date, warnings: string[]): Promise<void> {
    if (!response.caseId || !response.caseDecision) return void warnings.push('a CASE_CLOSED response names its case and decision; the response is kept');
    const locked = await this.cases.lock(manager, response.caseId);
    if (!locked || locked.kase.certificateId !== certificateId) return void warnings.push(`no case ${response.caseId} on this certificate here; the decision is kept`);
    if (locked.kase.status === CaseStatus.CLOSED) return;
    const decision = response.caseDecision === 'VERIFIED' ? CaseDecision.VERIFIED : CaseDecision.REJECTED;
    await this.cases.update(manager, locked.kase, { status: CaseStatus.CLOSED, decision, decisionRemarks: response.reason?.normalize('NFC') ?? null, closedAt: new Date(response.respondedAt) });
    await this.certificates.appendEvent(manager, {
      certificateId,
      type: CertificateEventType.VERIFICATION_CLOSED,
      from: null,
      to: null,
      actor,
      at,
      data: { caseId: locked.kase.id, decision },
    });
  }
}
