import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { EntityManager, In } from 'typeorm';
import { AuditAction } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { CertificateRecords } from '../../certificates/certificate-records.service';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import { type InboundOutcome, refusedOutcome } from '../../exchange/domain/inbound-acknowledgement';
import { authoriseVerificationResponse } from '../../exchange/domain/inbound-authorisation';
import { MessageType } from '../../exchange/domain/message-type';
import { DeliveryQueriesService } from '../../exchange/delivery/delivery-queries.service';
import type { InboundContext } from '../../exchange/inbound/inbound-message-handler';
import type { ReceivedEnvelope } from '../../exchange/inbound/received-envelope';
import { VerificationAttachmentEntity } from '../entities/verification-attachment.entity';
import { authorityExchangeConfig } from '../authority-exchange.config';
import { CaseStore } from '../cases/case-store';
import { checkCarriedAttachments } from '../domain/attachment-rules';
import { CaseAction, caseTransition } from '../domain/case-lifecycle';
import { CaseStatus } from '../domain/case-status';
import { VerificationResponsePayloadDto } from '../dto/received-payloads.dto';
import { AnswerUnreadableCode, delivered, notReadable, payloadOf, sameCertificate } from './inbound-outcomes';

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
    private readonly certificates: CertificateRecords,
    private readonly audit: AuditService,
    private readonly deliveries: DeliveryQueriesService,
    @Inject(authorityExchangeConfig.KEY) private readonly config: ConfigType<typeof authorityExchangeConfig>,
  ) {}

  async receive(manager: EntityManager, envelope: ReceivedEnvelope, context: InboundContext): Promise<InboundOutcome> {
    const parsed = payloadOf(VerificationResponsePayloadDto, envelope, 'verificationResponse');
    if ('outcome' in parsed) return parsed.outcome;
    const answer = parsed.value;
    const files = checkCarriedAttachments(answer.attachments, this.config.attachments, 'payload.verificationResponse.attachments');
    if (files.problems.length > 0) return notReadable(AnswerUnreadableCode.ATTACHMENT_MISMATCH, 'an attachment is not what the signed message says it is; nothing is applied', files.problems);
    const locked = await this.cases.lock(manager, answer.caseId);
    const at = context.receivedAt;
    // The same answer again (another envelope, a redelivery) is acknowledged as it was the first time.
    const repeat = locked?.kase.status === CaseStatus.RESPONDED && locked.kase.respondedAt?.toISOString() === new Date(answer.respondedAt).toISOString();
    const step = locked && caseTransition(locked.kase.status, CaseAction.RESPOND, { now: at, dueAt: locked.kase.dueAt, result: locked.kase.result });
    const refusal = authoriseVerificationResponse({
      partner: context.partner ?? { code: 'local', countries: [] },
      from: envelope.from,
      to: envelope.to,
      signatory: answer.respondedBy,
      kase: locked && {
        issuingAuthority: locked.kase.issuingAuthority,
        requestingAuthority: locked.kase.requestingAuthority,
        sameCertificate: sameCertificate(envelope, locked.kase),
        open: repeat || step?.ok === true,
        requestSentThroughPartner:
          context.partner !== null &&
          (await this.deliveries.sentThroughPartner(manager, { certificateId: locked.certificate.id, partnerId: context.partner.id, recipient: envelope.from, types: [MessageType.VERIFICATION_REQUEST] })),
        certificate: {
          origin: locked.certificate.origin,
          receivedFrom: locked.certificate.receivedFrom,
          documentHash: locked.certificate.documentHash,
          issuingAuthority: locked.certificate.issuingAuthorityCode,
          importCountry: locked.certificate.importCountry,
        },
      },
    });
    if (refusal) return refusedOutcome(refusal);
    const { kase, certificate } = locked as NonNullable<typeof locked>;
    if (repeat || !step?.ok) return delivered();
    if (answer.attachments.length > 0 && (await manager.exists(VerificationAttachmentEntity, { where: { id: In(answer.attachments.map((a) => a.id)) } }))) {
      return notReadable(AnswerUnreadableCode.ATTACHMENT_ID_REUSED, 'an attachment id is already used here; nothing is applied');
    }

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
