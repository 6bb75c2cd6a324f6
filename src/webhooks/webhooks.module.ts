import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEventEntity } from './entities/webhook-event.entity';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { FanOutService } from './fan-out.service';
import { SubscriptionsService } from './subscriptions.service';
import { WebhookAudience } from './webhook-audience';
import { WebhookJobs } from './webhook-jobs';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhooksController } from './webhooks.controller';
import { webhooksConfig } from './webhooks.config';
import { WebhooksProcessor } from './webhooks.processor';

/**
 * Standard Webhooks for traders, authorities and customs. The outbox is filled in the database, by
 * triggers on the certificates' and applications' histories, in the transaction of each change (none
 * lost, none for a change rolled back); the fan-out turns it into deliveries per subscription, seen as
 * the subscription's API key sees the certificate or application; each subscription's sender posts
 * them one at a time, in order, signed. Nothing imports this module but the application root.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookEventEntity, WebhookDeliveryEntity]), ConfigModule.forFeature(webhooksConfig), AuthoritiesModule, CertificatesModule, ApplicationsModule],
  controllers: [WebhooksController],
  providers: [SubscriptionsService, WebhookSecrets, WebhookJobs, WebhookAudience, FanOutService, WebhookSenderService, WebhooksProcessor],
})
export class WebhooksModule {}
