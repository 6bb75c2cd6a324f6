import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import type { Principal } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { ApplicationQueriesService } from './application-queries.service';
import { CertificateDataDto, CreateApplicationDto, DeclarationSignatureDto } from './dto/application-requests.dto';
import { ApplicationDetailView, ApplicationDocumentView, ApplicationEventView, ApplicationView } from './dto/application.view';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { ExporterDraftsUseCase } from './use-cases/exporter-drafts.use-case';
import { SignDeclarationUseCase } from './use-cases/sign-declaration.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application.use-case';
import { SupportingDocumentsUseCase } from './use-cases/supporting-documents.use-case';

/** The exporter's side of an application, and what both sides read. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
@Allow(Capability.TRADER, Capability.ISSUER)
export class ApplicationsController {
  constructor(
    private readonly drafts: ExporterDraftsUseCase,
    private readonly submitUseCase: SubmitApplicationUseCase,
    private readonly documentsUseCase: SupportingDocumentsUseCase,
    private readonly signing: SignDeclarationUseCase,
    private readonly queries: ApplicationQueriesService,
  ) {}

  @Post()
  @ApiOperation({ summary: "The exporter opens an application (DRAFT) in its own name to an issuing authority: certificate data checked for shape, rules at submission" })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 413, 415, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.drafts.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The exporter's own applications, or those addressed to the calling issuing authority; newest first" })
  @ApiOkResponse({ type: ApplicationView, isArray: true })
  @ApiProblems(401, 403, 422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApplicationsQuery): Promise<ApplicationView[]> {
    return this.queries.list(principal, { status: query.status, limit: query.limit ? Number(query.limit) : 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application with its documents and the officers\' comments, if the caller is its exporter or its authority' })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiProblems(401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApplicationDetailView> {
    return this.queries.get(principal, id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The history of an application: every step, who took it, from which state to which' })
  @ApiOkResponse({ type: ApplicationEventView, isArray: true })
  @ApiProblems(401, 403, 404)
  events(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApplicationEventView[]> {
    return this.queries.history(principal, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'The exporter replaces the certificate data of a DRAFT or CHANGES_REQUESTED application' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  edit(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CertificateDataDto): Promise<ApplicationView> {
    return this.drafts.edit(principal, id, dto);
  }

  @Post(':id/documents')
  @ApiOperation({
    summary:
      'The exporter uploads one supporting document (multipart: a `kind` field, INVOICE, PACKING_LIST, COST_STATEMENT, BILL_OF_MATERIALS or OTHER, and a `file` of type PDF, PNG, JPEG, XML, plain text or CSV). Up to HUB_APPLICATION_DOCUMENT_MAX_BYTES each (10 MiB) and HUB_APPLICATION_DOCUMENTS_MAX per application (20); the bytes must match the type; hashed with SHA-256',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['kind', 'file'], properties: { kind: { type: 'string', example: 'INVOICE' }, file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ApplicationDocumentView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  addDocument(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Req() request: FastifyRequest): Promise<ApplicationDocumentView> {
    return this.documentsUseCase.add(principal, id, request);
  }

  @Get(':id/documents/:documentId')
  @ApiOperation({ summary: 'The bytes of one supporting document, with its type' })
  @ApiOkResponse({ description: 'The file as uploaded' })
  @ApiProblems(401, 403, 404)
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('documentId', UuidParamPipe) documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const found = await this.documentsUseCase.read(principal, id, documentId);
    const safe = found.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    void reply.header('content-type', found.contentType).header('content-disposition', `attachment; filename="${safe}"`).header('x-content-type-options', 'nosniff');
    return found.bytes;
  }

  @Get(':id/declaration')
  @ApiOperation({ summary: "The canonical declaration the exporter signs: the RFC 8785 form of { exporter, exporterDeclaration, items } of the certificate data" })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The bytes to sign', content: { 'application/json': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 403, 404)
  async declaration(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    void reply.header('content-type', 'application/json');
    return this.signing.declaration(principal, id);
  }

  @Post(':id/declaration-signature')
  @HttpCode(200)
  @ApiOperation({ summary: "The exporter signs its declaration with its own key: a detached CMS over GET .../declaration, chaining to a trust anchor of the authority" })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  sign(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: DeclarationSignatureDto): Promise<ApplicationView> {
    return this.signing.sign(principal, id, dto.signature);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'The exporter submits: the dataset rules, the declaration and the supporting documents are checked, every problem at once (422)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(401, 403, 404, 409, 422)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApplicationView> {
    return this.submitUseCase.execute(principal, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'The exporter withdraws its application before a decision' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiProblems(401, 403, 404, 409)
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ApplicationView> {
    return this.drafts.withdraw(principal, id);
  }
}
