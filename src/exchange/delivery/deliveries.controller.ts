import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../../core/auth/auth.decorators';
import { Principal, principalLabel } from '../../core/auth/principal';
import { ApiProblems } from '../../core/http/api-problems.decorator';
import { UuidParamPipe } from '../../core/http/uuid-param.pipe';
import { DeliveryView, RedeliveryView } from '../dto/delivery.view';
import { ListDeliveriesQuery } from '../dto/list-deliveries.query';
import { DeliveryQueriesService } from './delivery-queries.service';
import { RedeliverUseCase } from './redeliver.use-case';

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('v1')
export class DeliveriesController {
  constructor(
    private readonly queries: DeliveryQueriesService,
    private readonly redeliver: RedeliverUseCase,
  ) {}

  @Get('certificates/:id/deliveries')
  @ApiOperation({
    summary: "Each recipient's delivery of the certificate's messages: state, attempts with times and errors, acknowledgement",
    description:
      'For whoever may see the certificate. The operator sees everything; the issuer every delivery and the importing customs those to their country and the answers between them and the issuer, errors as codes; a trader the delivery of the certificate to its importing country, without envelope ids, partners, attempts or what the receiver wrote back.',
  })
  @ApiOkResponse({ type: DeliveryView, isArray: true })
  @ApiProblems(401, 404)
  forCertificate(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<DeliveryView[]> {
    return this.queries.forCertificate(principal, id);
  }

  @Get('deliveries')
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'Deliveries, newest first, by state and partner' })
  @ApiOkResponse({ type: DeliveryView, isArray: true })
  @ApiProblems(401, 403, 422)
  list(@Query() query: ListDeliveriesQuery): Promise<DeliveryView[]> {
    return this.queries.list(query);
  }

  @Get('deliveries/:id')
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'One delivery' })
  @ApiOkResponse({ type: DeliveryView })
  @ApiProblems(401, 403, 404)
  get(@Param('id', UuidParamPipe) id: string): Promise<DeliveryView> {
    return this.queries.get(id);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @Allow(Capability.OPERATOR)
  @ApiOperation({ summary: 'Send a FAILED delivery again, or route an UNROUTABLE one again' })
  @ApiOkResponse({ type: RedeliveryView })
  @ApiProblems(401, 403, 404, 409)
  redeliverOne(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RedeliveryView> {
    return this.redeliver.one(id, principalLabel(principal));
  }
}
