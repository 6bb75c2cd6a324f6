import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import { AuthoritiesService } from './authorities.service';
import { Principal, principalLabel } from '../core/auth/principal';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { RegisterAuthorityDto } from './dto/register-authority.dto';
import { RegisterTraderDto } from './dto/register-trader.dto';
import { ApiKeyView, AuthorityView, CreatedApiKeyView, TraderView } from './dto/authority.view';

@ApiTags('operator')
@ApiBearerAuth()
@Allow(Capability.OPERATOR)
@Controller('v1')
export class AuthoritiesController {
  constructor(
    private readonly authorities: AuthoritiesService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post('authorities')
  @ApiOperation({ summary: 'Register an issuing or customs authority' })
  @ApiCreatedResponse({ type: AuthorityView })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  registerAuthority(@Body() dto: RegisterAuthorityDto, @CurrentPrincipal() principal: Principal): Promise<AuthorityView> {
    return this.authorities.registerAuthority(dto, principalLabel(principal));
  }

  @Get('authorities')
  @ApiOperation({ summary: 'List the registered authorities' })
  @ApiOkResponse({ type: AuthorityView, isArray: true })
  @ApiProblems(401, 403)
  listAuthorities(): Promise<AuthorityView[]> {
    return this.authorities.listAuthorities();
  }

  @Post('traders')
  @ApiOperation({ summary: 'Register a trader (exporter, importer or broker)' })
  @ApiCreatedResponse({ type: TraderView })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  registerTrader(@Body() dto: RegisterTraderDto, @CurrentPrincipal() principal: Principal): Promise<TraderView> {
    return this.authorities.registerTrader(dto, principalLabel(principal));
  }

  @Get('traders')
  @ApiOperation({ summary: 'List the registered traders' })
  @ApiOkResponse({ type: TraderView, isArray: true })
  @ApiProblems(401, 403)
  listTraders(): Promise<TraderView[]> {
    return this.authorities.listTraders();
  }

  @Post('api-keys')
  @ApiOperation({ summary: 'Create an API key for an authority or a trader; the secret is returned once' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  createApiKey(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(dto, principalLabel(principal));
  }

  @Get('api-keys')
  @ApiOperation({ summary: 'List API keys (never their secrets)' })
  @ApiQuery({ name: 'authority', required: false })
  @ApiQuery({ name: 'trader', required: false })
  @ApiOkResponse({ type: ApiKeyView, isArray: true })
  @ApiProblems(401, 403)
  listApiKeys(@Query('authority') authority?: string, @Query('trader') trader?: string): Promise<ApiKeyView[]> {
    return this.apiKeys.list({ authority: typeof authority === 'string' ? authority : undefined, trader: typeof trader === 'string' ? trader : undefined });
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiProblems(401, 403, 404)
  revokeApiKey(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id, principalLabel(principal));
  }
}
