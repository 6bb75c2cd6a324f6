import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../../core/auth/auth.decorators';
import { Principal, principalLabel } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { RedeliverUseCase } from '../delivery/redeliver.use-case';
import { RedeliveryView } from '../dto/delivery.view';
import { PartnerView, RegisteredPartnerView } from '../dto/partner.view';
import { RegisterPartnerDto } from '../dto/register-partner.dto';
import { UpdatePartnerDto } from '../dto/update-partner.dto';
import { PartnersService } from './partners.service';

@ApiTags('exchange')
@ApiBearerAuth()
@Allow(Capability.OPERATOR)
@Controller('v1/partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly redeliver: RedeliverUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a partner hub: routes, endpoint, credentials both ways, node certificate, retry budget' })
  @ApiCreatedResponse({ type: RegisteredPartnerView, description: 'The inbound token is in this answer only' })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422, 503)
  register(@Body() dto: RegisterPartnerDto, @CurrentPrincipal() principal: Principal): Promise<RegisteredPartnerView> {
    return this.partners.register(dto, principalLabel(principal));
  }

  @Get()
  @ApiOperation({ summary: 'List the partners, with their circuit breaker state (never their tokens)' })
  @ApiOkResponse({ type: PartnerView, isArray: true })
  @ApiProblems(401, 403)
  list(): Promise<PartnerView[]> {
    return this.partners.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One partner' })
  @ApiOkResponse({ type: PartnerView })
  @ApiProblems(401, 403, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<PartnerView> {
    return this.partners.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a partner; `paused: false` sends what waited while it was paused' })
  @ApiOkResponse({ type: PartnerView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 503)
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdatePartnerDto, @CurrentPrincipal() principal: Principal): Promise<PartnerView> {
    return this.partners.update(id, dto, principalLabel(principal));
  }

  @Post(':id/inbound-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a new inbound token for the partner; the old one stops working at once' })
  @ApiOkResponse({ type: RegisteredPartnerView })
  @ApiProblems(401, 403, 404)
  rotateInboundToken(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RegisteredPartnerView> {
    return this.partners.rotateInboundToken(id, principalLabel(principal));
  }

  @Post(':id/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send every FAILED delivery of the partner again, with a fresh retry budget' })
  @ApiOkResponse({ type: RedeliveryView })
  @ApiProblems(401, 403, 404)
  redeliverFailed(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RedeliveryView> {
    return this.redeliver.failedOf(id, principalLabel(principal));
  }
}
