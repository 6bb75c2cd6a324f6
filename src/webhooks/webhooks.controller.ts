import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Capability, CurrentPrincipal } from '../core/auth/auth.decorators';
import type { Principal } from '../core/auth/principal';
import { ApiProblems } from '../core/http/api-problems.decorator';
import { UuidParamPipe } from '../core/http/uuid-param.pipe';
import { CreateWebhookDto, RotateWebhookSecretDto } from './dto/webhook-requests.dto';
import { CreatedWebhookView, WebhookDeliveryView, WebhookView } from './dto/webhook.view';
import { SubscriptionsService } from './subscriptions.service';

/** Standard Webhooks subscriptions of an API key: traders, issuing authorities and customs. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
@Allow(Capability.TRADER, Capability.ISSUER, Capability.CUSTOMS)
export class WebhooksController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribes the calling API key to events at a URL; the answer shows the signing secret, once' })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  @ApiProblems(400, 401, 403, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.subscriptions.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The calling API key's subscriptions" })
  @ApiOkResponse({ type: WebhookView, isArray: true })
  @ApiProblems(401, 403)
  list(@CurrentPrincipal() principal: Principal): Promise<WebhookView[]> {
    return this.subscriptions.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription: its status and, when its receiver fails, the last error' })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblems(401, 403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<WebhookView> {
    return this.subscriptions.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a subscription and its deliveries' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.subscriptions.remove(principal, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enables a disabled subscription: what waited is sent, in order' })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblems(401, 403, 404)
  enable(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<WebhookView> {
    return this.subscriptions.enable(principal, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the old one keeps signing beside it for the overlap' })
  @ApiOkResponse({ type: CreatedWebhookView })
  @ApiProblems(400, 401, 403, 404, 422)
  rotate(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: RotateWebhookSecretDto): Promise<CreatedWebhookView> {
    return this.subscriptions.rotateSecret(principal, id, dto ?? {});
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest deliveries of a subscription, newest first, each with its attempts' })
  @ApiOkResponse({ type: WebhookDeliveryView, isArray: true })
  @ApiProblems(401, 403, 404)
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<WebhookDeliveryView[]> {
    return this.subscriptions.listDeliveries(principal, id);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @ApiOperation({ summary: 'Sends a delivery again (same webhook-id), after what already waits' })
  @ApiCreatedResponse({ type: WebhookDeliveryView })
  @ApiProblems(401, 403, 404)
  redeliver(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string, @Param('deliveryId', UuidParamPipe) deliveryId: string): Promise<WebhookDeliveryView> {
    return this.subscriptions.redeliver(principal, id, deliveryId);
  }
}
