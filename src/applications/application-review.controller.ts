import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentAuthority, CurrentPrincipal } from '../core/auth/auth.decorators';
import type { AuthorityPrincipal, Principal } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { ApplicationQueriesService } from './application-queries.service';
import { ApplicationSettingsService } from './application-settings.service';
import { ApplicationSettingsDto, CertificateDataDto, CommentDto, RejectDto, RequestChangesDto } from './dto/application-requests.dto';
import { ApplicationCommentView, ApplicationSettingsView, ApplicationView, ApprovalView, RuleCheckView } from './dto/application.view';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { ApproveApplicationUseCase } from './use-cases/approve-application.use-case';
import { ReviewApplicationUseCase } from './use-cases/review-application.use-case';

/** The issuing authority's side: its officers' queue, review and decisions, and its settings. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
@Allow(Capability.ISSUER)
export class ApplicationReviewController {
  constructor(
    private readonly review: ReviewApplicationUseCase,
    private readonly approval: ApproveApplicationUseCase,
    private readonly queries: ApplicationQueriesService,
    private readonly settings: ApplicationSettingsService,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: "The officers' queue: SUBMITTED and UNDER_REVIEW applications, oldest submission first, each with its service level (due date, overdue)" })
  @ApiOkResponse({ type: ApplicationView, isArray: true })
  @ApiProblems(401, 403, 422)
  queue(@CurrentPrincipal() principal: Principal, @Query() query: ListApplicationsQuery): Promise<ApplicationView[]> {
    return this.queries.queue(principal, query.limit ? Number(query.limit) : 50);
  }

  @Get('settings')
  @ApiOperation({ summary: "The authority's application settings (defaults: four eyes on, 3 calendar days)" })
  @ApiOkResponse({ type: ApplicationSettingsView })
  @ApiProblems(401, 403)
  getSettings(@CurrentAuthority() principal: AuthorityPrincipal): Promise<ApplicationSettingsView> {
    return this.settings.get(principal);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Sets four eyes and the service levels (days per agreement, counted in calendar days or weekdays)' })
  @ApiOkResponse({ type: ApplicationSettingsView })
  @ApiProblems(400, 401, 403, 413, 415, 422)
  setSettings(@CurrentAuthority() principal: AuthorityPrincipal, @Body() dto: ApplicationSettingsDto): Promise<ApplicationSettingsView> {
    return this.settings.set(principal, dto);
  }

  @Get(':id/rule-check')
  @ApiOperation({ summary: "Before deciding: the dataset rules on the data as it stands, with the versions in force now, and how their answer differs from the submission's (warnings for the officer); changes nothing" })
  @ApiOkResponse({ type: RuleCheckView })
  @ApiProblems(401, 403, 404)
  ruleCheck(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<RuleCheckView> {
    return this.queries.ruleCheck(principal, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'An officer claims a SUBMITTED application for review, or takes an UNDER_REVIEW one over' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(401, 403, 404, 409)
  claim(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApplicationView> {
    return this.review.claim(principal, id);
  }

  @Put(':id/certificate')
  @ApiOperation({ summary: 'The officer holding the claim corrects the certificate data (four eyes: another officer then approves)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  amend(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CertificateDataDto): Promise<ApplicationView> {
    return this.review.amend(principal, id, dto);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'The officer holding the claim comments on one field' })
  @ApiCreatedResponse({ type: ApplicationCommentView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  comment(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CommentDto): Promise<ApplicationCommentView> {
    return this.review.comment(principal, id, dto);
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back to the exporter (CHANGES_REQUESTED), who edits and submits again' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  requestChanges(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: RequestChangesDto): Promise<ApplicationView> {
    return this.review.requestChanges(principal, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The officer holding the claim approves: the certificate is issued, signed (covering the exporter\'s signature) and sent. 403 FOUR_EYES_REQUIRED when this officer last changed the data; 409 DECLARATION_SIGNATURE_VOID when the exporter\'s signature no longer covers its declaration',
  })
  @ApiOkResponse({ type: ApprovalView })
  @ApiProblems(401, 403, 404, 409, 422)
  approve(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApprovalView> {
    return this.approval.execute(principal, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'The officer holding the claim rejects, with coded reasons' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  reject(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: RejectDto): Promise<ApplicationView> {
    return this.review.reject(principal, id, dto);
  }
}
