import { sealSecret } from '../partners/partner-secret-box';
import { OutboundTokens } from './outbound-tokens';

const MASTER_KEY = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';

describe('the partner tokens a worker presents', () => {
  it('opens each sealed token, and a new one once the partner gets it', () => {
    const tokens = new OutboundTokens();
    const first = sealSecret('first-token-0123456789', MASTER_KEY, 'JP-NACCS');
    const second = sealSecret('second-token-0123456789', MASTER_KEY, 'JP-NACCS');
    expect(tokens.open(first, MASTER_KEY, 'JP-NACCS')).toBe('first-token-0123456789');
    expect(tokens.open(first, MASTER_KEY, 'JP-NACCS')).toBe('first-token-0123456789');
    expect(tokens.open(second, MASTER_KEY, 'JP-NACCS')).toBe('second-token-0123456789');
    // Sealed for another partner: it does not open, cached or not.
    expect(() => tokens.open(first, MASTER_KEY, 'TH-NSW')).toThrow();
  });
});
