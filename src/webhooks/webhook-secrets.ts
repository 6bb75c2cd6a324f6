import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { hubConfig } from '../core/config/hub.config';
import { MasterKeyRing } from '../core/secrets/master-key-ring';
import { SealedSecretColumns } from '../core/secrets/sealed-secrets';
import { openSecret, sealSecret } from '../core/secrets/secret-box';
import { SECRET_BYTES, secretText } from './domain/signature';
import type { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { WebhookError, WebhookErrorCode } from './webhooks.error';

// A purpose of their own in core's secret box, and the subscription's id as context: a webhook's
// sealed secret never opens as a partner's token, nor as another subscription's.
const PURPOSE = 'webhook-secret';
const context = (subscriptionId: string): string => `webhook/${subscriptionId}`;

/** Sealed under the current master key (HUB_MASTER_KEY), with that key's id for the row. */
function seal(secret: string, ring: MasterKeyRing, subscriptionId: string): { sealed: Buffer; keyId: string } {
  return sealSecret(secret, ring, PURPOSE, context(subscriptionId));
}

/** Opened with the key the row names (either key held for a row sealed before ids were stored). */
function open(sealed: Buffer, keyId: string | null, ring: MasterKeyRing, subscriptionId: string): string {
  return openSecret(sealed, keyId, ring, PURPOSE, context(subscriptionId));
}

/**
 * Subscriptions' signing secrets at rest: sealed under HUB_MASTER_KEY by core's secret box
 * (AES-256-GCM, HKDF per purpose), each with the id of the master key it is sealed under.
 */
@Injectable()
export class WebhookSecrets {
  constructor(@Inject(hubConfig.KEY) private readonly hub: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyPrevious'>) {}

  /** A new secret, in the Standard Webhooks form ("whsec_" and base64). */
  generate(): string {
    return secretText(randomBytes(SECRET_BYTES));
  }

  seal(secret: string, subscriptionId: string): { sealed: Buffer; keyId: string } {
    if (!this.hub.masterKey) throw new WebhookError(WebhookErrorCode.MASTER_KEY_NOT_CONFIGURED, 'Webhook secrets are sealed under HUB_MASTER_KEY, which this hub does not have');
    return seal(secret, MasterKeyRing.of(this.hub), subscriptionId);
  }

  open(sealed: Buffer, keyId: string | null, subscriptionId: string): string {
    return open(sealed, keyId, MasterKeyRing.of(this.hub), subscriptionId);
  }
}

/** The rotation's part for webhooks: a subscription's secret, and the one it replaced while that still signs. */
export const SEALED_WEBHOOK_SECRETS: SealedSecretColumns<WebhookSubscriptionEntity> = {
  label: 'webhook secrets',
  sealedProperty: 'secretSealed',
  keyIdProperty: 'secretMasterKeyId',
  reseal: (row, ring) => {
    const again = seal(open(row.secretSealed, row.secretMasterKeyId, ring, row.id), ring, row.id);
    return { secretSealed: again.sealed, secretMasterKeyId: again.keyId };
  },
};

export const SEALED_PREVIOUS_WEBHOOK_SECRETS: SealedSecretColumns<WebhookSubscriptionEntity> = {
  label: 'replaced webhook secrets',
  sealedProperty: 'previousSecretSealed',
  keyIdProperty: 'previousSecretMasterKeyId',
  reseal: (row, ring) => {
    const again = seal(open(row.previousSecretSealed as Buffer, row.previousSecretMasterKeyId, ring, row.id), ring, row.id);
    return { previousSecretSealed: again.sealed, previousSecretMasterKeyId: again.keyId };
  },
};
