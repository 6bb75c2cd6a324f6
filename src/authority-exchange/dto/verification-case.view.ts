import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { VerificationAttachmentEntity } from '../entities/verification-attachment.entity';
import { CaseDecision, CaseStatus, VerificationResult } from '../domain/case-status';
import { CaseSide } from '../domain/parties';
import type { VerificationCaseEntity } from '../entities/verification-case.entity';

export class CaseCertificateView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ example: 'KH-RCEP-2026-000123' }) certificateNumber!: string;
  @ApiProperty({ example: 0 }) copyNumber!: number;
}

export class AttachmentView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'mill-records.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ example: 48213 }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes (hex), as the signed envelope carried it' }) sha256!: string;
  @ApiProperty({ example: 'KH-MOC' }) uploadedBy!: string;
}

export class ResponseWindowView {
  @ApiPropertyOptional({ nullable: true, example: 'RCEP@2022-01-01' }) profile!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 30 }) minDays!: number | null;
  @ApiPropertyOptional({ nullable: true, example: 90 }) maxDays!: number | null;
}

export class CaseAnswerView {
  @ApiProperty({ enum: VerificationResult }) result!: VerificationResult;
  @ApiPropertyOptional({ nullable: true }) remarks!: string | null;
  @ApiProperty() respondedAt!: string;
  @ApiProperty({ description: 'Answered after the due date' }) late!: boolean;
  @ApiProperty({ type: AttachmentView, isArray: true }) attachments!: AttachmentView[];
}

export class CaseDecisionView {
  @ApiProperty({ enum: CaseDecision }) decision!: CaseDecision;
  @ApiPropertyOptional({ nullable: true }) remarks!: string | null;
  @ApiProperty() closedAt!: string;
}

export class VerificationCaseView {
  @ApiProperty({ description: 'The same id on both hubs' }) id!: string;
  @ApiProperty({ type: CaseCertificateView }) certificate!: CaseCertificateView;
  @ApiProperty({ example: 'JP-CUSTOMS' }) requestingAuthority!: string;
  @ApiProperty({ example: 'KH-MOC' }) issuingAuthority!: string;
  @ApiProperty({ enum: CaseStatus }) status!: CaseStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, isArray: true }) questions!: string[];
  @ApiProperty({ type: String, isArray: true }) requestedDocuments!: string[];
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional({ nullable: true, description: "From the agreement's verification response window" }) dueAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) responseDays!: number | null;
  @ApiPropertyOptional({ type: ResponseWindowView, nullable: true }) responseWindow!: ResponseWindowView | null;
  @ApiProperty({ example: 'ACCEPTED', description: 'importStatus when the case was opened' }) importStatusBefore!: string;
  @ApiPropertyOptional({ type: CaseAnswerView, nullable: true }) answer!: CaseAnswerView | null;
  @ApiPropertyOptional({ type: CaseDecisionView, nullable: true }) decision!: CaseDecisionView | null;
  @ApiPropertyOptional({ nullable: true }) overdueAt!: string | null;
  @ApiProperty({ enum: CaseSide, isArray: true, description: "The caller's side(s) of the case" }) yourSides!: CaseSide[];
  @ApiProperty({ enum: ['LOCAL', 'RECEIVED'], description: 'Opened through this hub, or received from a partner hub' }) origin!: string;
  @ApiPropertyOptional({ nullable: true }) receivedFrom!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class VerificationCasePageView {
  @ApiProperty({ type: VerificationCaseView, isArray: true }) items!: VerificationCaseView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `offset` for the next page; null on the last page' }) nextOffset!: number | null;
}

export function toAttachmentView(a: Pick<VerificationAttachmentEntity, 'id' | 'fileName' | 'contentType' | 'size' | 'sha256' | 'uploadedBy'>): AttachmentView {
  return { id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256, uploadedBy: a.uploadedBy };
}

export function toCaseView(kase: VerificationCaseEntity, attachments: AttachmentView[], sides: CaseSide[]): VerificationCaseView {
  return {
    id: kase.id,
    certificate: { id: kase.certificateId, issuingAuthority: kase.issuingAuthority, certificateNumber: kase.certificateNumber, copyNumber: kase.copyNumber },
    requestingAuthority: kase.requestingAuthority,
    issuingAuthority: kase.issuingAuthority,
    status: kase.status,
    reason: kase.reason,
    questions: kase.questions,
    requestedDocuments: kase.requestedDocuments,
    requestedAt: kase.requestedAt.toISOString(),
    dueAt: kase.dueAt?.toISOString() ?? null,
    responseDays: kase.responseDays,
    responseWindow: kase.responseWindow,
    importStatusBefore: kase.importStatusBefore,
    answer:
      kase.result && kase.respondedAt
        ? { result: kase.result, remarks: kase.remarks, respondedAt: kase.respondedAt.toISOString(), late: kase.dueAt !== null && kase.respondedAt > kase.dueAt, attachments }
        : null,
    decision: kase.decision && kase.closedAt ? { decision: kase.decision, remarks: kase.decisionRemarks, closedAt: kase.closedAt.toISOString() } : null,
    overdueAt: kase.overdueAt?.toISOString() ?? null,
    yourSides: sides,
    origin: kase.origin,
    receivedFrom: kase.receivedFrom,
    createdAt: kase.createdAt.toISOString(),
    updatedAt: kase.updatedAt.toISOString(),
  };
}
