import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditAction } from '../../audit/audit-action';
import { AUDIT_ENTRY } from '../../audit/audit-entry.effect';
import { AuthorityPrincipal, principalLabel } from '../../core/auth/principal';
import { CERTIFICATE_EVENT } from '../../certificates/certificate-event.effect';
import { CertificateEventType } from '../../certificates/domain/certificate-status';
import { Clock } from '../../core/clock/clock';
import { UnitOfWork } from '../../core/unit-of-work/unit-of-work';
import { RequestError } from '../../core/errors/request-error';
import { MessageType } from '../../exchange/domain/message-type';
import { OutboxService } from '../../exchange/outbox/outbox.service';
import { authorityExchangeConfig } from '../authority-exchange.config';
import { AuthorityExchangeError, AuthorityExchangeErrorCode } from '../authority-exchange.error';
import { CheckedAttachment, checkAttachments, isTooLarge } from '../domain/attachment-rules';
import { CaseAction } from '../domain/case-lifecycle';
import { CaseSide, caseSides } from '../domain/parties';
import { verificationResponsePayload } from '../messages/payloads';
import { nextCaseStatus } from './case-refusal';
import { CaseStore } from './case-store';
import { VerificationCaseView, toAttachmentView, toCaseView } from '../dto/verification-case.view';
import { VerificationResponseDto } from '../dto/verification-response.dto';

/** Attachment problems: 413 when something is too large, 422 for the rest, every problem listed either way. */
export function attachmentsOrRefuse(uploads: VerificationResponseDto['attachments'], limits: ConfigType<typeof authorityExchangeConfig>['attachments']): CheckedAttachment[] {
  const checked = checkAttachments(uploads ?? [], limits);
  if (checked.problems.length === 0) return checked.attachments;
  const violations = checked.problems.map((p) => ({ ruleId: p.ruleId, severity: 'error' as const, path: p.path, message: p.message }));
  if (isTooLarge(checked.problems)) {
    throw new AuthorityExchangeError(AuthorityExchangeErrorCode.ATTACHMENT_TOO_LARGE, 'An attachment, or the attachments together, exceed the limits', { maxBytes: limits.maxBytes, maxTotalBytes: limits.maxTotalBytes }, violations);
  }
  throw RequestError.validation(violations);
}

/**
 * POST /v1/verification-cases/{caseId}/responses: the issuing authority answers CONFIRMED,
 * NOT_CONFIRMED or INSUFFICIENT, with remarks and attachments. The files are checked and hashed
 * before anything is written; the answer, the files and the VERIFICATION_RESPONSE (hashes and bytes
 * inside the signed envelope) commit together.
 */
@Injectable()
export class RespondToCaseUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseStore,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(authorityExchangeConfig.KEY) private readonly config: ConfigType<typeof authorityExchangeConfig>,
  ) {}

  async execute(principal: AuthorityPrincipal, caseId: string, dto: VerificationResponseDto): Promise<VerificationCaseView> {
    const files = attachmentsOrRefuse(dto.attachments, this.config.attachments);
    const actor = principalLabel(principal);
    const view = await this.uow.run(async (tx) => {
      const manager = tx.manager;
      const { kase, certificate } = await this.cases.lockForParty(manager, caseId, principal, CaseSide.ISSUER);
      const at = this.clock.now();
      const status = nextCaseStatus(kase, CaseAction.RESPOND, { now: at });
      await this.cases.update(manager, kase, { status, result: dto.result, remarks: dto.remarks?.normalize('NFC') ?? null, respondedAt: at });
      const attachments = await this.cases.insertAttachments(
        manager,
        files.map((f) => ({ id: randomUUID(), caseId, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256, content: f.bytes, uploadedBy: principal.code })),
      );
      const hashes = attachments.map((a) => ({ id: a.id, fileName: a.fileName, sha256: a.sha256, size: a.size }));
      const data = { caseId, result: dto.result, attachments: hashes };
      tx.add(CERTIFICATE_EVENT, { certificateId: certificate.id, type: CertificateEventType.VERIFICATION_RESPONDED, from: null, to: null, actor, at, data });
      await this.outbox.sendTo(tx, {
        type: MessageType.VERIFICATION_RESPONSE,
        from: principal.code,
        to: kase.requestingAuthority,
        certificate,
        payload: { verificationResponse: verificationResponsePayload(kase, attachments) },
        at,
      });
      tx.add(AUDIT_ENTRY, { actor, action: AuditAction.VERIFICATION_RESPONDED, entityType: 'verification_case', entityId: caseId, details: { certificateId: certificate.id, ...data } });
      return toCaseView(kase, attachments.map(toAttachmentView), caseSides(principal, kase));
    });
    return view;
  }
}
