import { SealedSecretColumns, SealedUnderMasterKey, sealedSecretsAmong } from './sealed-secrets';

class Subscription {
  id!: string;
  secretSealed!: Buffer;
  secretKeyId!: string | null;
  previousSecretSealed!: Buffer | null;
  previousSecretKeyId!: string | null;
}
class Unsealed {
  id!: string;
}

const columns = (sealedProperty: 'secretSealed' | 'previousSecretSealed', keyIdProperty: 'secretKeyId' | 'previousSecretKeyId'): SealedSecretColumns<Subscription> => ({
  label: sealedProperty,
  sealedProperty,
  keyIdProperty,
  reseal: () => ({}),
});

describe('the registry of sealed secrets', () => {
  it('lists each sealed value a registered entity keeps, and nothing of the others', () => {
    SealedUnderMasterKey(columns('secretSealed', 'secretKeyId'))(Subscription);
    SealedUnderMasterKey(columns('previousSecretSealed', 'previousSecretKeyId'))(Subscription);
    // Registered again (a module loaded twice): still once.
    SealedUnderMasterKey(columns('secretSealed', 'secretKeyId'))(Subscription);
    const found = sealedSecretsAmong([Unsealed, Subscription]);
    expect(found.map((f) => [f.target, f.columns.sealedProperty, f.columns.keyIdProperty])).toEqual([
      [Subscription, 'secretSealed', 'secretKeyId'],
      [Subscription, 'previousSecretSealed', 'previousSecretKeyId'],
    ]);
    expect(sealedSecretsAmong([Unsealed])).toEqual([]);
  });
});
