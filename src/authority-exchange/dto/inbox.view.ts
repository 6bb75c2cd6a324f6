import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseCertificateView } from './verification-case.view';
import { CaseSide } from '../domain/parties';
import { InboxItemKind } from './inbox.query';

export class InboxItemView {
  @ApiProperty({ enum: InboxItemKind }) kind!: InboxItemKind;
  @ApiProperty({ description: 'The case id, or the customs response id' }) id!: string;
  @ApiProperty({ type: CaseCertificateView }) certificate!: CaseCertificateView;
  @ApiProperty({ example: 'OVERDUE', description: "A case's status, or a customs response's decision" }) status!: string;
  @ApiProperty({ enum: CaseSide, description: "The caller's side: REQUESTER (the customs that asked) or ISSUER" }) side!: CaseSide;
  @ApiProperty({ example: 'JP-CUSTOMS', description: 'The other authority' }) counterpart!: string;
  @ApiProperty({ description: 'When the case was opened or the response given' }) at!: string;
  @ApiPropertyOptional({ nullable: true }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'The next step is the caller’s: an answer to give, a case to decide' }) actionRequired!: boolean;
  @ApiPropertyOptional({ nullable: true, description: "The case's reason, or the response's" }) reason!: string | null;
}

export class InboxView {
  @ApiProperty({ type: InboxItemView, isArray: true, description: 'Overdue cases first, then open cases by due date, then customs responses, newest first' }) items!: InboxItemView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `offset` for the next page; null on the last page' }) nextOffset!: number | null;
}
