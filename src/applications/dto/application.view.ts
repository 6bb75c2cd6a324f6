import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViolationView } from '../../core/http/problem.view';
import { ApplicationAction, ApplicationStatus, DayCounting } from '../domain/application-status';

export class ServiceLevelView {
  @ApiProperty({ example: 3 }) days!: number;
  @ApiProperty({ enum: DayCounting, enumName: 'DayCounting' }) counting!: DayCounting;
  @ApiProperty({ description: 'The end of the last day of the service level (UTC)' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
}

export class DeclarationSignatureStateView {
  @ApiProperty({ description: 'The exporter signed its declaration with its own key' }) signed!: boolean;
  @ApiProperty({ description: 'The signature still covers the declaration as it stands (false once the exporter fields, the items or the declaration changed)' })
  coversCurrentDeclaration!: boolean;
  @ApiPropertyOptional({ nullable: true }) signedAt!: string | null;
}

export class RejectionReasonView {
  @ApiProperty() code!: string;
  @ApiPropertyOptional({ nullable: true }) text!: string | null;
}

export class ApplicationView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KH-MOC' }) authority!: string;
  @ApiProperty({ example: 'KH-TIN-1234567' }) exporter!: string;
  @ApiProperty({ enum: ApplicationStatus, enumName: 'ApplicationStatus' }) status!: ApplicationStatus;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The certificate data' }) certificate!: Record<string, unknown>;
  @ApiProperty({ type: DeclarationSignatureStateView }) declarationSignature!: DeclarationSignatureStateView;
  @ApiProperty({ type: ViolationView, isArray: true, description: "The rules' warnings at the last submission" }) submissionFindings!: ViolationView[];
  @ApiPropertyOptional({ nullable: true }) submittedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The officer holding the review' }) claimedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The officer who last changed the data (four eyes)' }) lastChangedByOfficer!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ type: RejectionReasonView, isArray: true, nullable: true }) rejectionReasons!: RejectionReasonView[] | null;
  @ApiPropertyOptional({ nullable: true, description: 'The certificate issued on approval' }) certificateId!: string | null;
  @ApiProperty({ enum: ApplicationAction, enumName: 'ApplicationAction', isArray: true, description: 'The steps the table allows from this state' }) allowedActions!: ApplicationAction[];
  @ApiPropertyOptional({ type: ServiceLevelView, nullable: true, description: "The agreement's service level, once submitted (the authority's view)" }) serviceLevel?: ServiceLevelView | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ApplicationDocumentView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'INVOICE' }) kind!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty() uploadedAt!: string;
}

export class ApplicationCommentView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'items[0].hsCode' }) path!: string;
  @ApiProperty() text!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty() createdAt!: string;
}

export class ApplicationEventView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'SUBMITTED' }) type!: string;
  @ApiPropertyOptional({ nullable: true }) fromStatus!: string | null;
  @ApiPropertyOptional({ nullable: true }) toStatus!: string | null;
  @ApiProperty({ example: 'authority:KH-MOC/officer:officer-0042' }) actor!: string;
  @ApiPropertyOptional({ nullable: true }) officerId!: string | null;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ type: ApplicationDocumentView, isArray: true }) documents!: ApplicationDocumentView[];
  @ApiProperty({ type: ApplicationCommentView, isArray: true, description: "The officers' comments, per field" }) comments!: ApplicationCommentView[];
}

export class RuleDifferenceView {
  @ApiProperty({ enum: ['NEW', 'GONE'], description: 'NEW: found at approval, not at submission; GONE: the other way round' }) change!: 'NEW' | 'GONE';
  @ApiProperty() ruleId!: string;
  @ApiProperty() path!: string;
  @ApiProperty() message!: string;
}

export class ApprovalView {
  @ApiProperty({ type: ApplicationView }) application!: ApplicationView;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The issued certificate (as GET /v1/certificates/{id})' }) certificate!: Record<string, unknown>;
  @ApiProperty({
    type: RuleDifferenceView,
    isArray: true,
    description: "Warnings for the officer: how the rules' answer at issue time (the versions then in force) differs from the one at submission",
  })
  ruleDifferences!: RuleDifferenceView[];
}

export class ApplicationSettingsView {
  @ApiProperty() fourEyes!: boolean;
  @ApiProperty({ enum: DayCounting, enumName: 'DayCounting' }) dayCounting!: DayCounting;
  @ApiProperty() serviceDays!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) serviceDaysByAgreement!: Record<string, number>;
}

export class RuleCheckView {
  @ApiProperty({ description: 'When the rules ran: the versions in force then are those an approval now would use' }) checkedAt!: string;
  @ApiProperty({ type: ViolationView, isArray: true, description: "The rules' answer now: errors (an approval now would be refused with them) and warnings" }) findings!: ViolationView[];
  @ApiProperty({ type: RuleDifferenceView, isArray: true, description: "Warnings for the officer: how that answer differs from the submission's" }) ruleDifferences!: RuleDifferenceView[];
}
