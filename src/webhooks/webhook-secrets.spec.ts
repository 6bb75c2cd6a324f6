import { randomBytes } from 'node:crypto';
import { MasterKeyRing, MasterKeyUnavailableError } from '../core/secrets/master-key-ring';
import type { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { SEALED_PREVIOUS_WEBHOOK_SECRETS, SEALED_WEBHOOK_SECRETS, WebhookSecrets } from './webhook-secrets';

const OLD = randomBytes(32).toString('hex');
const NEW = randomBytes(32).toString('hex');
const ID = '0b8f3c1e-6a52-4c39-9d7e-2f1a4b5c6d7e';

describe('webhook secrets under the master key', () => {
  const before = new WebhookSecrets({ masterKey: OLD });
  const current = before.seal('whsec_current', ID);
  const previous = before.seal('whsec_previous', ID);
  const row = { id: ID, secretSealed: current.sealed, secretMasterKeyId: current.keyId, previousSecretSealed: previous.sealed, previousSecretMasterKeyId: previous.keyId } as WebhookSubscriptionEntity;

  it('are re-sealed by the rotation under the new key, both the secret and the one it replaced, and then open without the old key', () => {
    const during = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    const resealed = { ...row, ...SEALED_WEBHOOK_SECRETS.reseal(row, during), ...SEALED_PREVIOUS_WEBHOOK_SECRETS.reseal(row, during) };
    expect(resealed.secretMasterKeyId).toBe(during.sealing().id);
    expect(resealed.previousSecretMasterKeyId).toBe(during.sealing().id);
    const after = new WebhookSecrets({ masterKey: NEW });
    expect(after.open(resealed.secretSealed, resealed.secretMasterKeyId, ID)).toBe('whsec_current');
    expect(after.open(resealed.previousSecretSealed as Buffer, resealed.previousSecretMasterKeyId, ID)).toBe('whsec_previous');
  });

  it('do not open without the key they name, nor as another subscription', () => {
    expect(() => new WebhookSecrets({ masterKey: NEW }).open(row.secretSealed, row.secretMasterKeyId, ID)).toThrow(MasterKeyUnavailableError);
    expect(() => before.open(row.secretSealed, row.secretMasterKeyId, 'another-subscription')).toThrow();
  });
});
