import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateRecords } from '../../certificates/certificate-records.service';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import type { CertificateRecord } from '../../certificates/certificate-record';
import { ImportStatusService } from '../../certificates/import-status/import-status.service';
import { refusedOutcome } from '../../exchange/domain/inbound-acknowledgement';
import { DatasetService } from '../../dataset/dataset.service';
import type { InboundOutcome } from '../../exchange/domain/inbound-acknowledgement';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { CaseStore } from '../cases/case-store';
import { VerificationCaseEntity } from '../entities/verification-case.entity';
import { CaseStatus } from '../domain/case-status';
import { RecordOrigin } from '../domain/record-origin';
import { windowOf } from '../domain/response-window';
import { VerificationRequestPayloadDto } from '../dto/received-payloads.dto';
import { ImportingSideAuthorisation } from './importing-side-authorisation';
import { delivered, payloadOf, withWarnings } from './inbound-outcomes';

/**
 * A VERIFICATION_REQUEST on the issuer's hub: the case is opened here under the same id and due
 * date, for the issuing authority to answer, and its copy of importStatus becomes DISPUTED.
 */
@Injectable()
export class VerificationRequestReceiver {
  constructor(
    private readonly certificates: CertificateRecords,
    private readonly importStatus: ImportStatusService,
    private readonly cases: CaseStore,
    private readonly dataset: DatasetService,
    private readonly audit: AuditService,
    private readonly importingSide: ImportingSideAuthorisation,
  ) {}

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const parsed = payloadOf(VerificationRequestPayloadDto, envelope, 'verificationRequest');
    if ('outcome' in parsed) return parsed.outcome;
    const request = parsed.value;
    const allowed = await this.importingSide.check(manager, envelope, context, request.requestedBy);
    if ('refusal' in allowed) return refusedOutcome(allowed.refusal);
    const held = allowed.held;
    const certificate = (await this.certificates.lockForChange(manager, held.id)) as CertificateRecord;
    if (await manager.exists(VerificationCaseEntity, { where: { id: request.caseId } })) return delivered();
    const open = await this.cases.openOf(manager, certificate.id);
    if (open) return withWarnings([{ path: 'payload.verificationRequest.caseId', message: `the certificate already has an open case ${open.id} here; the request is kept, not opened` }]);

    const actor = `partner:${context.partner?.code ?? 'unknown'}`;
    const at = context.receivedAt;
    const warnings: string[] = [];
    const data = { caseId: request.caseId, envelopeId: envelope.envelopeId };
    const mirrored = await this.importStatus.mirror(manager, certificate.id, { from: request.importStatus.from, to: request.importStatus.to }, { actor, at, data });
    if (mirrored.warning) warnings.push(mirrored.warning);
    const kase = await this.cases.insert(manager, {
      id: request.caseId,
      certificateId: certificate.id,
      requestingAuthority: request.requestedBy,
      issuingAuthority: certificate.issuingAuthorityCode,
      certificateNumber: certificate.certificateNumber,
      copyNumber: certificate.copyNumber,
      status: CaseStatus.REQUESTED,
      reason: request.reason.normalize('NFC'),
      questions: request.questions.map((q) => q.normalize('NFC')),
      requestedDocuments: request.requestedDocuments.map((d) => d.normalize('NFC')),
      requestedAt: new Date(request.requestedAt),
      // The requester's due date: both hubs hold the same one.
      dueAt: request.dueAt ? new Date(request.dueAt) : null,
      responseDays: request.responseDays ?? null,
      responseWindow: windowOf(await this.dataset.catalog(), certificate.profileVersion),
      importStatusBefore: request.importStatus.from,
      origin: RecordOrigin.RECEIVED,
      receivedFrom: context.partner?.code ?? null,
    });
    const details = { ...data, requestedBy: kase.requestingAuthority, dueAt: kase.dueAt?.toISOString() ?? null, reported: { from: request.importStatus.from, to: request.importStatus.to }, applied: mirrored.applied, warnings };
    await this.certificates.appendEvent(manager, { certificateId: certificate.id, type: CertificateEventType.VERIFICATION_REQUESTED, from: null, to: null, actor, at, data: details });
    await this.audit.append(manager, { actor, action: AuditAction.VERIFICATION_REQUESTED, entityType: 'verification_case', entityId: kase.id, details: { certificateId: certificate.id, ...details } });
    return withWarnings(warnings.map((message) => ({ path: 'payload.verificationRequest', message })));
  }
}
