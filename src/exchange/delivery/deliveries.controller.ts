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
