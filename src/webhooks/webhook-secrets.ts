import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { hubConfig } from '../core/config/hub.config';
import { openSecret, sealSecret } from '../exchange/partners/partner-secret-box';
import { SECRET_BYTES, secretText } from './domain/signature';
import { WebhookError, WebhookErrorCode } from './webhooks.error';

/**
 * Subscriptions' signing secrets at rest: sealed under HUB_MASTER_KEY with the partner secret box
 * (AES-256-GCM, HKDF per value), bound to the subscription's id, with the master key's version beside
 * it as the signing keys have it.
 */
@Injectable()
export class WebhookSecrets {
  constructor(@Inject(hubConfig.KEY) private readonly hub: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyVersion'>) {}

  /** A new secret, in the Standard Webhooks form ("whsec_" and base64). */
  generate(): string {
    return secretText(randomBytes(SECRET_BYTES));
  }

  seal(secret: string, subscriptionId: string): { sealed: Buffer; keyVersion: number } {
    if (!this.hub.masterKey) throw new WebhookError(WebhookErrorCode.MASTER_KEY_NOT_CONFIGURED, 'Webhook secrets are sealed under HUB_MASTER_KEY, which this hub does not have');
    return { sealed: sealSecret(secret, this.hub.masterKey, context(subscriptionId)), keyVersion: this.hub.masterKeyVersion };
  }

  open(sealed: Buffer, keyVersion: number, subscriptionId: string): string {
    if (keyVersion !== this.hub.masterKeyVersion) throw new Error(`Webhook ${subscriptionId}: its secret is sealed under master key version ${keyVersion}, this hub holds ${this.hub.masterKeyVersion}`);
    return openSecret(sealed, this.hub.masterKey ?? '', context(subscriptionId));
  }
}

// A context of its own, so that a webhook's sealed secret never opens as a partner's and the reverse.
function context(subscriptionId: string): string {
  return `webhook/${subscriptionId}`;
}
