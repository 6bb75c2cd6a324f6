import { MasterKeyRing } from './master-key-ring';
import { openSecret, sealSecret } from './secret-box';

const OLD = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const NEW = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';

describe('short secrets sealed under the master key', () => {
  it('names the key it sealed under, and opens only for the same purpose and context', () => {
    const ring = MasterKeyRing.of({ masterKey: OLD });
    const { sealed, keyId } = sealSecret('whsec-0123456789', ring, 'webhook-secret', 'sub-1');
    expect(keyId).toBe(ring.sealing().id);
    expect(openSecret(sealed, keyId, ring, 'webhook-secret', 'sub-1')).toBe('whsec-0123456789');
    expect(() => openSecret(sealed, keyId, ring, 'partner-secret', 'sub-1')).toThrow();
    expect(() => openSecret(sealed, keyId, ring, 'webhook-secret', 'sub-2')).toThrow();
  });

  it('opens under the previous key during a rotation and seals under the new one', () => {
    const old = sealSecret('whsec-0123456789', MasterKeyRing.of({ masterKey: OLD }), 'webhook-secret', 'sub-1');
    const rotating = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    expect(openSecret(old.sealed, old.keyId, rotating, 'webhook-secret', 'sub-1')).toBe('whsec-0123456789');
    expect(sealSecret('whsec-0123456789', rotating, 'webhook-secret', 'sub-1').keyId).toBe(rotating.sealing().id);
    expect(() => openSecret(old.sealed, old.keyId, MasterKeyRing.of({ masterKey: NEW }), 'webhook-secret', 'sub-1')).toThrow(/does not hold/);
  });
});
