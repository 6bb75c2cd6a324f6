import type { AttachmentPayload, CustomsResponsePayload, VerificationRequestPayload, VerificationResponsePayload } from '../../exchange/domain/envelope';
import type { VerificationAttachmentEntity } from '../entities/verification-attachment.entity';
import type { VerificationCaseEntity } from '../entities/verification-case.entity';
import type { CustomsResponseRecord } from '../entities/customs-response.entity';

/** The CUSTOMS_RESPONSE payload: what the issuer's hub needs to move its copy the same way. */
export function customsResponsePayload(row: CustomsResponseRecord): CustomsResponsePayload {
  return {
    id: row.id,
    decision: row.decision,
    reason: row.reason,
    uses: row.uses,
    importStatus: { from: row.importStatusFrom, to: row.importStatusTo },
    caseId: row.caseId,
    caseDecision: row.caseDecision as CustomsResponsePayload['caseDecision'],
    respondedBy: row.responderAuthority,
    respondedAt: row.respondedAt.toISOString(),
  };
}

export function verificationRequestPayload(kase: VerificationCaseEntity, importStatusTo: string): VerificationRequestPayload {
  return {
    caseId: kase.id,
    reason: kase.reason,
    questions: kase.questions,
    requestedDocuments: kase.requestedDocuments,
    requestedBy: kase.requestingAuthority,
    requestedAt: kase.requestedAt.toISOString(),
    dueAt: kase.dueAt?.toISOString() ?? null,
    responseDays: kase.responseDays,
    importStatus: { from: kase.importStatusBefore, to: importStatusTo },
  };
}

/** The answer with its files: bytes, size and SHA-256 all inside the signed envelope. */
export function verificationResponsePayload(kase: VerificationCaseEntity, attachments: VerificationAttachmentEntity[]): VerificationResponsePayload {
  return {
    caseId: kase.id,
    result: kase.result as VerificationResponsePayload['result'],
    remarks: kase.remarks,
    respondedBy: kase.issuingAuthority,
    respondedAt: (kase.respondedAt as Date).toISOString(),
    attachments: attachments.map(
      (a): AttachmentPayload => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256, content: a.content.toString('base64') }),
    ),
  };
}
