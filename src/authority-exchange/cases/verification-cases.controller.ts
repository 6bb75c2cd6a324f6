import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Capability, CurrentAuthority } from '../../core/auth/auth.decorators';
import { AuthorityPrincipal } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { ALLOWED_ATTACHMENT_TYPES } from '../domain/attachment-rules';
import { CaseQueriesService } from './case-queries.service';
import { CloseCaseUseCase } from './close-case.use-case';
import { CloseCaseDto } from '../dto/close-case.dto';
import { ListCasesQuery } from '../dto/list-cases.query';
import { VerificationCasePageView, VerificationCaseView } from '../dto/verification-case.view';
import { VerificationResponseDto } from '../dto/verification-response.dto';
import { RespondToCaseUseCase } from './respond-to-case.use-case';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Repeat the same request safely: same key and body returns the first answer' };

/** An ASCII stand-in for a file name a partner chose, safe inside a quoted header value. */
function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 200) || 'attachment';
}

/** RFC 8187 ext-value: what encodeURIComponent leaves but attr-char does not allow is escaped too. */
function encodedFileName(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

@ApiTags('verification')
@ApiBearerAuth()
@Controller('v1/verification-cases')
export class VerificationCasesController {
  constructor(
    private readonly respond: RespondToCaseUseCase,
    private readonly close: CloseCaseUseCase,
    private readonly queries: CaseQueriesService,
  ) {}

  @Get()
  @Allow(Capability.CUSTOMS, Capability.ISSUER)
  @ApiOperation({ summary: 'The cases the caller asked or must answer, newest first' })
  @ApiOkResponse({ type: VerificationCasePageView })
  @ApiProblems(401, 403, 422)
  list(@CurrentAuthority() principal: AuthorityPrincipal, @Query() query: ListCasesQuery): Promise<VerificationCasePageView> {
    return this.queries.list(principal, query);
  }

  @Get(':caseId')
  @Allow(Capability.CUSTOMS, Capability.ISSUER)
  @ApiOperation({ summary: 'One case, for its two parties' })
  @ApiOkResponse({ type: VerificationCaseView })
  @ApiProblems(401, 403, 404)
  get(@CurrentAuthority() principal: AuthorityPrincipal, @Param('caseId', UuidParamPipe) caseId: string): Promise<VerificationCaseView> {
    return this.queries.get(principal, caseId);
  }

  @Post(':caseId/responses')
  @Allow(Capability.ISSUER)
  @ApiOperation({ summary: 'The issuing authority answers: CONFIRMED, NOT_CONFIRMED or INSUFFICIENT, with remarks and attachments (base64)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: VerificationCaseView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  answer(@CurrentAuthority() principal: AuthorityPrincipal, @Param('caseId', UuidParamPipe) caseId: string, @Body() dto: VerificationResponseDto): Promise<VerificationCaseView> {
    return this.respond.execute(principal, caseId, dto);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  @Allow(Capability.CUSTOMS)
  @ApiOperation({ summary: 'The importing customs decide: VERIFIED or REJECTED, which moves importStatus' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: VerificationCaseView })
  @ApiProblems(400, 401, 403, 404, 409, 415, 422)
  decide(@CurrentAuthority() principal: AuthorityPrincipal, @Param('caseId', UuidParamPipe) caseId: string, @Body() dto: CloseCaseDto): Promise<VerificationCaseView> {
    return this.close.execute(principal, caseId, dto);
  }

  @Get(':caseId/attachments/:attachmentId')
  @Allow(Capability.CUSTOMS, Capability.ISSUER)
  @ApiOperation({ summary: 'The bytes of a file of the case, for its two parties (every download is audited)' })
  @ApiProduces(...ALLOWED_ATTACHMENT_TYPES)
  @ApiOkResponse({ description: 'The file, as a download; Repr-Digest carries its SHA-256' })
  @ApiProblems(401, 403, 404)
  async attachment(
    @CurrentAuthority() principal: AuthorityPrincipal,
    @Param('caseId', UuidParamPipe) caseId: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.queries.attachment(principal, caseId, attachmentId);
    // Evidence from another authority is downloaded, never rendered by the browser as this hub's page.
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${asciiFileName(file.fileName)}"; filename*=UTF-8''${encodedFileName(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return file.bytes;
  }
}
