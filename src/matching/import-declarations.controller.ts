import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentAuthority, CurrentPrincipal } from '../core/auth/auth.decorators';
import { AuthorityPrincipal, Principal } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { ImportDeclarationDto } from './dto/import-declaration.dto';
import { ImportDeclarationPageView, ImportDeclarationView } from './dto/import-declaration.view';
import { ListDeclarationsQuery } from './dto/list-declarations.query';
import { PrefillQuery } from './dto/prefill.query';
import { PrefillView } from './dto/prefill.view';
import { PrefillService } from './prefill/prefill.service';
import { DeclarationQueriesService } from './declarations/declaration-queries.service';
import { RecordDeclarationUseCase } from './declarations/record-declaration.use-case';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('v1/import-declarations')
export class ImportDeclarationsController {
  constructor(
    private readonly record: RecordDeclarationUseCase,
    private readonly queries: DeclarationQueriesService,
    private readonly prefills: PrefillService,
  ) {}

  @Post()
  @Allow(Capability.CUSTOMS)
  @ApiOperation({
    summary: 'Record an import declaration and match it with the certificates received: MATCHED, PARTIAL (naming fields and lines) or UNMATCHED',
    description: 'A MATCHED claim records a use in the certificate ledger. A claim beyond what remains is stored as PARTIAL (QUANTITY_EXCEEDS_REMAINING) and records nothing.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the same request safely: same key and body returns the first answer' })
  @ApiBody({ type: ImportDeclarationDto })
  @ApiCreatedResponse({ type: ImportDeclarationView })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  create(@CurrentAuthority() principal: AuthorityPrincipal, @Body() body: unknown): Promise<ImportDeclarationView> {
    return this.record.execute(principal, body);
  }

  @Get('prefill')
  @Allow(Capability.CUSTOMS, Capability.TRADER)
  @ApiOperation({ summary: 'The declaration fields a received certificate answers, by UCR or certificate number; for the importing customs and the consignee' })
  @ApiOkResponse({ type: PrefillView })
  @ApiProblems(401, 403, 404, 422)
  prefill(@CurrentPrincipal() principal: Principal, @Query() query: PrefillQuery): Promise<PrefillView> {
    return this.prefills.prefill(principal, query);
  }

  @Get()
  @Allow(Capability.CUSTOMS, Capability.OPERATOR)
  @ApiOperation({ summary: "The caller's declarations (all of them for the operator), newest first, with cursor pagination" })
  @ApiOkResponse({ type: ImportDeclarationPageView })
  @ApiProblems(401, 403, 422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDeclarationsQuery): Promise<ImportDeclarationPageView> {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @Allow(Capability.CUSTOMS, Capability.OPERATOR)
  @ApiOperation({ summary: 'One declaration and its match result' })
  @ApiOkResponse({ type: ImportDeclarationView })
  @ApiProblems(401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<ImportDeclarationView> {
    return this.queries.get(principal, id);
  }
}
