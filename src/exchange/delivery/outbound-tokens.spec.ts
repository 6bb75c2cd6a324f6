import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { sealPartnerSecret } from '../partners/partner-secret-box';
import { OutboundTokens } from './outbound-tokens';

const MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const NEW_MASTER_KEY = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';

describe('the partner tokens a worker presents', () => {
  const ring = MasterKeyRing.of({ masterKey: MASTER_KEY });

  it('opens each sealed token, and a new one once the partner gets it', () => {
    const tokens = new OutboundTokens();
    const first = sealPartnerSecret('first-token-0123456789', ring, 'JP-NACCS');
    const second = sealPartnerSecret('second-token-0123456789', ring, 'JP-NACCS');
    expect(tokens.open(first.sealed, first.keyId, ring, 'JP-NACCS')).toBe('first-token-0123456789');
    expect(tokens.open(first.sealed, first.keyId, ring, 'JP-NACCS')).toBe('first-token-0123456789');
    expect(tokens.open(second.sealed, second.keyId, ring, 'JP-NACCS')).toBe('second-token-0123456789');
    // Sealed for another partner: it does not open, cached or not.
    expect(() => tokens.open(first.sealed, first.keyId, ring, 'TH-NSW')).toThrow();
  });

  it('opens a token sealed under the previous master key during a rotation, and not once that key is gone', () => {
    const old = sealPartnerSecret('old-token-0123456789', ring, 'JP-NACCS');
    const rotating = MasterKeyRing.of({ masterKey: NEW_MASTER_KEY, masterKeyPrevious: MASTER_KEY });
    expect(new OutboundTokens().open(old.sealed, old.keyId, rotating, 'JP-NACCS')).toBe('old-token-0123456789');
    expect(() => new OutboundTokens().open(old.sealed, old.keyId, MasterKeyRing.of({ masterKey: NEW_MASTER_KEY }), 'JP-NACCS')).toThrow(/which this process does not hold/);
  });
});
