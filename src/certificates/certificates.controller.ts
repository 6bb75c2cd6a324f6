import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentAuthority, CurrentPrincipal } from '../core/auth/auth.decorators';
import { AuthorityPrincipal, Principal } from '../core/auth/principal';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { IdempotencyScope, IdempotencyScopeOf, IdempotentInTransaction, replyWith } from '../core/http/idempotency-records';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { CertificateDocumentDto } from '../dataset/dto/certificate-document.dto';
import { EDI3_MEDIA_TYPE } from '../dataset/formats/domain/edi3-certificate';
import { UBL_MEDIA_TYPE } from '../dataset/formats/domain/ubl-certificate';
import { mediaTypeOf } from '../dataset/formats/format-reader';
import { DeliveryView } from '../exchange/dto/delivery.view';
import { CertificateQueriesService } from './certificate-queries.service';
import { CancelCertificateDto, DuplicateCertificateDto } from './dto/cancel-certificate.dto';
import { CertificateEventView, CertificatePageView, CertificateView } from './dto/certificate.view';
import { ListCertificatesQuery } from './dto/list-certificates.query';
import { CancelCertificateUseCase } from './use-cases/cancel-certificate.use-case';
import { CreateCertificateFromFormatUseCase } from './use-cases/create-certificate-from-format.use-case';
import { CreateCertificateUseCase } from './use-cases/create-certificate.use-case';
import { DuplicateCertificateUseCase } from './use-cases/duplicate-certificate.use-case';
import { IssueCertificateUseCase } from './use-cases/issue-certificate.use-case';
import { ReplaceCertificateUseCase } from './use-cases/replace-certificate.use-case';
import { UpdateDraftUseCase } from './use-cases/update-draft.use-case';
import { JsonWithRawMember } from '../core/http/raw-json-member';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Repeat the same request safely: same key and body returns the first answer' };

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('v1/certificates')
export class CertificatesController {
  constructor(
    private readonly createUseCase: CreateCertificateUseCase,
    private readonly updateUseCase: UpdateDraftUseCase,
    private readonly issueUseCase: IssueCertificateUseCase,
    private readonly cancelUseCase: CancelCertificateUseCase,
    private readonly replaceUseCase: ReplaceCertificateUseCase,
    private readonly duplicateUseCase: DuplicateCertificateUseCase,
    private readonly queries: CertificateQueriesService,
    private readonly createFromFormat: CreateCertificateFromFormatUseCase,
  ) {}

  @Post()
  @Allow(Capability.ISSUER)
  @IdempotentInTransaction()
  @ApiOperation({
    summary: 'Create a DRAFT certificate; warnings come back with the 201',
    description: `The body is the dataset's JSON, or an OASIS UBL 2.4 CertificateOfOrigin (${UBL_MEDIA_TYPE}) or UN/CEFACT edi3 JSON (${EDI3_MEDIA_TYPE}); those are checked against their schema first, and every problem is named by its path in the document sent (XPath, JSON path).`,
  })
  @ApiConsumes('application/json', UBL_MEDIA_TYPE, EDI3_MEDIA_TYPE)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: CertificateDocumentDto })
  @ApiCreatedResponse({ type: CertificateView })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  async create(
    @CurrentAuthority() principal: AuthorityPrincipal,
    @IdempotencyScopeOf() scope: IdempotencyScope | undefined,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificateView | unknown> {
    // A UBL 2.4 or edi3 JSON document arrives as its bytes (create-app's content-type parsers).
    if (Buffer.isBuffer(body)) return replyWith(reply, await this.createFromFormat.execute(principal, mediaTypeOf(contentType), body, scope));
    return replyWith(reply, await this.createUseCase.execute(principal, body, { scope }));
  }

  @Get()
  @ApiOperation({ summary: 'List the certificates the caller may see, newest first, with cursor pagination' })
  @ApiOkResponse({ type: CertificatePageView })
  @ApiProblems(401, 422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCertificatesQuery): Promise<CertificatePageView> {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One certificate, if the caller may see it' })
  @ApiOkResponse({ type: CertificateView })
  @ApiProblems(401, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<JsonWithRawMember> {
    return this.queries.get(principal, id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The history of a certificate' })
  @ApiOkResponse({ type: CertificateEventView, isArray: true })
  @ApiProblems(401, 404)
  events(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<CertificateEventView[]> {
    return this.queries.history(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "Each recipient's delivery of the certificate's messages: state, attempts with times and errors, acknowledgement",
    description:
      'For whoever may see the certificate. The operator sees everything; the issuer every delivery and the importing customs those to their country and the answers between them and the issuer, errors as codes; a trader the delivery of the certificate to its importing country, without envelope ids, partners, attempts or what the receiver wrote back.',
  })
  @ApiOkResponse({ type: DeliveryView, isArray: true })
  @ApiProblems(401, 404)
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<DeliveryView[]> {
    return this.queries.deliveries(principal, id);
  }

  @Put(':id')
  @Allow(Capability.ISSUER)
  @ApiOperation({ summary: 'Replace the content of a DRAFT' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: CertificateDocumentDto })
  @ApiOkResponse({ type: CertificateView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  update(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() body: unknown): Promise<CertificateView> {
    return this.updateUseCase.execute(principal, id, body);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @Allow(Capability.ISSUER)
  @IdempotentInTransaction()
  @ApiOperation({ summary: 'Issue a DRAFT: the hub sets the issue time, freezes and seals the content' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: CertificateView })
  @ApiProblems(401, 403, 404, 409, 422)
  async issue(
    @CurrentAuthority() principal: AuthorityPrincipal,
    @IdempotencyScopeOf() scope: IdempotencyScope | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificateView | unknown> {
    return replyWith(reply, await this.issueUseCase.execute(principal, id, scope));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(Capability.ISSUER)
  @ApiOperation({ summary: 'Cancel an ISSUED certificate, with a reason' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: CertificateView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  cancel(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() dto: CancelCertificateDto): Promise<CertificateView> {
    return this.cancelUseCase.execute(principal, id, dto.reason);
  }

  @Post(':id/replacement')
  @Allow(Capability.ISSUER)
  @ApiOperation({ summary: 'Issue a REPLACEMENT of an ISSUED certificate, which becomes REPLACED' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ type: CertificateDocumentDto })
  @ApiCreatedResponse({ type: CertificateView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  replace(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() body: unknown): Promise<CertificateView> {
    return this.replaceUseCase.execute(principal, id, body);
  }

  @Post(':id/duplicate')
  @Allow(Capability.ISSUER)
  @ApiOperation({ summary: 'Issue a certified true copy (same number, next copy number)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: CertificateView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  duplicate(@CurrentAuthority() principal: AuthorityPrincipal, @Param('id', UuidParamPipe) id: string, @Body() dto: DuplicateCertificateDto): Promise<CertificateView> {
    return this.duplicateUseCase.execute(principal, id, dto?.reason);
  }
}
