import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EntityManager, In } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateStore } from '../../certificates/certificate-store';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import type { InboundOutcome } from '../../exchange/domain/inbound-acknowledgement';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { VerificationAttachmentEntity } from '../attachments/verification-attachment.entity';
import { authorityExchangeConfig } from '../authority-exchange.config';
import { CaseStore } from '../cases/case-store';
import { checkCarriedAttachments } from '../domain/attachment-rules';
import { CaseAction, caseTransition } from '../domain/case-lifecycle';
import { CaseStatus } from '../domain/case-status';
import { VerificationResponsePayloadDto } from './dto/received-payloads.dto';
import { delivered, notReadable, payloadOf, sameCertificate, withWarnings } from './inbound-outcomes';

/**
 * A VERIFICATION_RESPONSE on the importing customs' hub: the answer and its files join the case.
 * Every file must measure and hash to what the signed message says, or nothing is applied and the
 * envelope is kept unread for the operator; an answer to a case that is closed, unknown or not the
 * sender's is kept with a warning.
 */
@Injectable()
export class VerificationResponseReceiver {
  constructor(
    private readonly cases: CaseStore,
    private readonly certificates: CertificateStore,
    private readonly audit: AuditService,
    @Inject(authorityExchangeConfig.KEY) private readonly config: ConfigType<typeof authorityExchangeConfig>,
  ) {}

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const parsed = payloadOf(VerificationResponsePayloadDto, envelope, 'verificationResponse');
    if ('outcome' in parsed) return parsed.outcome;
    const answer = parsed.value;
    const files = checkCarriedAttachments(answer.attachments, this.config.attachments, 'payload.verificationResponse.attachments');
    if (files.problems.length > 0) return notReadable('an attachment is not what the signed message says it is; nothing is applied', files.problems);
    const locked = await this.cases.lock(manager, answer.caseId);
    if (!locked) return withWarnings([{ path: 'payload.verificationResponse.caseId', message: 'answers a case this hub does not know; the answer is kept, not applied' }]);
    const { kase, certificate } = locked;
    if (kase.issuingAuthority !== envelope.from || answer.respondedBy !== envelope.from || kase.requestingAuthority !== envelope.to || !sameCertificate(envelope, kase)) {
      return withWarnings([{ path: 'payload.verificationResponse.caseId', message: `the case is between ${kase.requestingAuthority} and ${kase.issuingAuthority} about another certificate or sender; the answer is kept, not applied` }]);
    }
    if (kase.status === CaseStatus.RESPONDED && kase.respondedAt?.toISOString() === new Date(answer.respondedAt).toISOString()) return delivered();
    if (answer.attachments.length > 0 && (await manager.exists(VerificationAttachmentEntity, { where: { id: In(answer.attachments.map((a) => a.id)) } }))) {
      return notReadable('an attachment id is already used here; nothing is applied');
    }
    const at = context.receivedAt;
    const step = caseTransition(kase.status, CaseAction.RESPOND, { now: at, dueAt: kase.dueAt, result: kase.result });
    if (!step.ok) return withWarnings([{ path: 'payload.verificationResponse', message: `${step.reason}: the answer is kept, not applied` }]);

    const actor = `partner:${context.partner?.code ?? 'unknown'}`;
    // The issuer's own time of answer, so both hubs agree on whether it came late.
    await this.cases.update(manager, kase, { status: step.to, result: answer.result, remarks: answer.remarks?.normalize('NFC') ?? null, respondedAt: new Date(answer.respondedAt) });
    await this.cases.insertAttachments(
      manager,
      files.attachments.map((f, i) => ({ id: answer.attachments[i].id, caseId: kase.id, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256, content: f.bytes, uploadedBy: kase.issuingAuthority })),
    );
    const data = { caseId: kase.id, result: answer.result, envelopeId: envelope.envelopeId, attachments: files.attachments.map((f, i) => ({ id: answer.attachments[i].id, fileName: f.fileName, sha256: f.sha256, size: f.size })) };
    await this.certificates.appendEvent(manager, { certificateId: certificate.id, type: CertificateEventType.VERIFICATION_RESPONDED, from: null, to: null, actor, at, data });
    await this.audit.append(manager, { actor, action: AuditAction.VERIFICATION_RESPONDED, entityType: 'verification_case', entityId: kase.id, details: { certificateId: certificate.id, ...data } });
    return delivered();
  }
}
