import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { PrincipalKind, principalLabel, type Principal } from '../core/auth/principal';
import { Clock } from '../core/clock/clock';
import { OutboundHttp } from '../core/http/outbound/outbound-http';
import type { CreateWebhookDto, RotateWebhookSecretDto } from './dto/webhook-requests.dto';
import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from './dto/webhook.view';
import { WebhookDeliveryEntity, WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookStatus, WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { WebhookJobs } from './webhook-jobs';
import { WebhookSecrets } from './webhook-secrets';
import { toDeliveryView, toWebhookView } from './webhook.view-mapper';
import { WebhookError, WebhookErrorCode } from './webhooks.error';

const DEFAULT_OVERLAP_SECONDS = 24 * 3600;
const DELIVERIES_LISTED = 100;

/** A subscriber's own subscriptions: made, read, re-enabled, rotated, removed, and their deliveries. */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity) private readonly subscriptions: Repository<WebhookSubscriptionEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    private readonly outbound: OutboundHttp,
    private readonly secrets: WebhookSecrets,
    private readonly jobs: WebhookJobs,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    const apiKeyId = apiKeyOf(principal);
    const problems = this.outbound.destinationProblems(dto.url);
    if (problems.length > 0) {
      throw new WebhookError(
        WebhookErrorCode.WEBHOOK_INVALID,
        'The hub may not send to this URL',
        problems.map((p) => ({ ruleId: p.code, severity: 'error' as const, path: '/url', message: `url ${p.message}` })),
      );
    }
    const id = randomUUID();
    const secret = this.secrets.generate();
    const sealed = this.secrets.seal(secret, id);
    const saved = await this.subscriptions.save(
      this.subscriptions.create({
        id,
        apiKeyId,
        owner: principalLabel(principal),
        url: dto.url,
        eventTypes: dto.eventTypes,
        filterAgreement: dto.filter?.agreement ?? null,
        filterPartnerCountry: dto.filter?.partnerCountry ?? null,
        filterCertificateId: dto.filter?.certificateId ?? null,
        status: WebhookStatus.ACTIVE,
        secretSealed: sealed.sealed,
        secretMasterKeyId: sealed.keyId,
      }),
    );
    return { ...toWebhookView(await this.reload(saved.id)), secret };
  }

  async list(principal: Principal): Promise<WebhookView[]> {
    const found = await this.subscriptions.find({ where: { apiKeyId: apiKeyOf(principal) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return found.map(toWebhookView);
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return toWebhookView(await this.own(principal, id));
  }

  /** Sends again: the failures are forgotten, and what waited goes in order. */
  async enable(principal: Principal, id: string): Promise<WebhookView> {
    const subscription = await this.own(principal, id);
    await this.subscriptions.update({ id: subscription.id }, { status: WebhookStatus.ACTIVE, failingSince: null, disabledAt: null, lastError: null });
    await this.deliveries.update({ subscriptionId: subscription.id, status: WebhookDeliveryStatus.PENDING }, { nextAttemptAt: null });
    await this.jobs.send([subscription.id]);
    return toWebhookView(await this.reload(subscription.id));
  }

  /** A new secret, shown once; the old one keeps signing beside it for the overlap. */
  async rotateSecret(principal: Principal, id: string, dto: RotateWebhookSecretDto): Promise<CreatedWebhookView> {
    const subscription = await this.own(principal, id);
    const secret = this.secrets.generate();
    const sealed = this.secrets.seal(secret, subscription.id);
    const overlapMs = (dto.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
    await this.subscriptions.update(
      { id: subscription.id },
      {
        secretSealed: sealed.sealed,
        secretMasterKeyId: sealed.keyId,
        previousSecretSealed: overlapMs > 0 ? subscription.secretSealed : null,
        previousSecretMasterKeyId: overlapMs > 0 ? subscription.secretMasterKeyId : null,
        previousSecretExpiresAt: overlapMs > 0 ? new Date(this.clock.now().getTime() + overlapMs) : null,
      },
    );
    return { ...toWebhookView(await this.reload(subscription.id)), secret };
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const subscription = await this.own(principal, id);
    await this.subscriptions.delete({ id: subscription.id });
  }

  async listDeliveries(principal: Principal, id: string): Promise<WebhookDeliveryView[]> {
    const subscription = await this.own(principal, id);
    const found = await this.deliveries.find({ where: { subscriptionId: subscription.id }, order: { position: 'DESC' }, take: DELIVERIES_LISTED });
    return found.map(toDeliveryView);
  }

  /**
   * The delivery once more, behind what waits: a new delivery with the same webhook-id and content
   * (a receiver that has it already drops it), numbered when it is sent.
   */
  async redeliver(principal: Principal, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const subscription = await this.own(principal, id);
    const original = await this.deliveries.findOne({ where: { id: deliveryId, subscriptionId: subscription.id } });
    if (!original) throw new WebhookError(WebhookErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, 'No such delivery of this subscription');
    const [row]: { id: string }[] = await this.deliveries.query(
      `INSERT INTO webhook_deliveries (subscription_id, position, message_id, event_type, event_seq, about)
       VALUES ($1, nextval('webhook_delivery_position'), $2, $3, $4, $5) RETURNING id`,
      [subscription.id, original.messageId, original.eventType, original.eventSeq, JSON.stringify(original.about)],
    );
    await this.jobs.send([subscription.id]);
    return toDeliveryView(await this.deliveries.findOneOrFail({ where: { id: row.id } }));
  }

  /** Another key's subscription is answered as an unknown one. */
  private async own(principal: Principal, id: string): Promise<WebhookSubscriptionEntity> {
    const found = await this.subscriptions.findOne({ where: { id, apiKeyId: apiKeyOf(principal) } });
    if (!found) throw WebhookError.notFound();
    return found;
  }

  private reload(id: string): Promise<WebhookSubscriptionEntity> {
    return this.subscriptions.findOneOrFail({ where: { id } });
  }
}

function apiKeyOf(principal: Principal): string {
  if (principal.kind === PrincipalKind.OPERATOR) throw new WebhookError(WebhookErrorCode.API_KEY_REQUIRED, 'A subscription belongs to an API key: the operator token holds none');
  return principal.apiKeyId;
}
