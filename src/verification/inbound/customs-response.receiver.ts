import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateStore } from '../../certificates/certificate-store';
import { CertificateError } from '../../certificates/certificate.error';
import { CertificateEventType, CertificateOrigin, ImportStatus } from '../../certificates/domain/certificate-status';
import type { CertificateEntity } from '../../certificates/entities/certificate.entity';
import { CertificateUseSource } from '../../certificates/entities/certificate-use.entity';
import { ImportStatusService } from '../../certificates/import-status/import-status.service';
import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';
import { ReceivedCertificatesService } from '../../certificates/receipt/received-certificates.service';
import type { InboundOutcome } from '../../exchange/domain/inbound-acknowledgement';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { CaseStore } from '../cases/case-store';
import { CustomsDecision, CustomsResponseEntity } from '../customs-response/customs-response.entity';
import { CaseDecision, CaseStatus } from '../domain/case-status';
import { RecordOrigin } from '../domain/record-origin';
import { CustomsResponsePayloadDto } from './dto/received-payloads.dto';
import { delivered, payloadOf, withWarnings } from './inbound-outcomes';

/**
 * A CUSTOMS_RESPONSE on the issuer's hub: its copy of importStatus follows, the uses go into its
 * ledger under the same reference, and a case decision closes its copy of the case, so both sides
 * agree. What cannot be applied is kept and acknowledged with warnings, never refused.
 */
@Injectable()
export class CustomsResponseReceiver {
  constructor(
    private readonly received: ReceivedCertificatesService,
    private readonly certificates: CertificateStore,
    private readonly importStatus: ImportStatusService,
    private readonly ledger: CertificateLedger,
    private readonly cases: CaseStore,
    private readonly audit: AuditService,
  ) {}

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const parsed = payloadOf(CustomsResponsePayloadDto, envelope, 'customsResponse');
    if ('outcome' in parsed) return parsed.outcome;
    const response = parsed.value;
    const held = await this.received.held(manager, envelope.refersTo.certificate);
    if (!held || held.origin !== CertificateOrigin.LOCAL) return withWarnings([{ path: 'refersTo', message: 'answers about a certificate this hub did not issue; the response is kept, not applied' }]);
    const certificate = (await this.certificates.lockById(manager, held.id)) as CertificateEntity;
    // Under the certificate's lock: the same response in two envelopes is applied once.
    if (await manager.exists(CustomsResponseEntity, { where: { id: response.id } })) return delivered();
    const refusal = this.senderProblem(envelope, certificate, response.respondedBy);
    if (refusal) return withWarnings([{ path: 'from', message: `${refusal}; the response is kept, not applied` }]);

    const actor = `partner:${context.partner?.code ?? 'unknown'}`;
    const at = context.receivedAt;
    const data = { customsResponseId: response.id, decision: response.decision, envelopeId: envelope.envelopeId };
    const warnings: string[] = [];
    if (held.documentHash !== envelope.refersTo.documentHash) warnings.push('refersTo.documentHash is not the hash of the certificate this hub issued');
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
    await this.certificates.appendEvent(manager, { certificateId: certificate.id, type: CertificateEventType.CUSTOMS_RESPONSE, from: response.importStatus.from, to: response.importStatus.to, actor, at, data: { ...data, warnings } });
    await this.audit.append(manager, { actor, action: AuditAction.CUSTOMS_RESPONSE_RECEIVED, entityType: 'certificate', entityId: certificate.id, details: { ...data, respondedBy: response.respondedBy, warnings } });
    return withWarnings(warnings.map((message) => ({ path: 'payload.customsResponse', message })));
  }

  /** Only the customs of the certificate's importing country answer for it, and the envelope is theirs. */
  private senderProblem(envelope: ReceivedEnvelope, certificate: CertificateEntity, respondedBy: string): string | undefined {
    if (envelope.to !== certificate.issuingAuthorityCode) return `the certificate's issuer is ${certificate.issuingAuthorityCode}, not ${envelope.to}`;
    if (respondedBy !== envelope.from) return `the response names ${respondedBy} but comes from ${envelope.from}`;
    if (envelope.from.slice(0, 2) !== certificate.importCountry) return `${envelope.from} is not an authority of the importing country ${certificate.importCountry}`;
    return undefined;
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
      from: response.importStatus.from as ImportStatus,
      to: response.importStatus.to as ImportStatus,
      actor,
      at,
      data: { caseId: locked.kase.id, decision },
    });
  }
}
