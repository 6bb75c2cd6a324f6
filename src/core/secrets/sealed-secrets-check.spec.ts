import { MasterKeyRing, masterKeyId } from './master-key-ring';
import { RotationReport } from './master-key-rotation';
import { sealedSecretsAtStart } from './sealed-secrets-check';

const OLD = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const NEW = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';

const report = (remaining: { keyId: string | null; rows: number }[]): RotationReport => ({
  currentKeyId: masterKeyId(NEW),
  tables: [
    { table: 'signing_keys', label: 'private keys', resealed: 0, unopenable: [], remaining },
    { table: 'partners', label: 'outbound tokens', resealed: 0, unopenable: [], remaining: [] },
  ],
});

describe('what a process says at start about the sealed secrets', () => {
  it('warns of secrets under a key it does not hold: the previous key dropped before the rotation finished', () => {
    const said = sealedSecretsAtStart(report([{ keyId: masterKeyId(OLD), rows: 2 }]), MasterKeyRing.of({ masterKey: NEW }));
    expect(said.warnings).toEqual([expect.stringMatching(new RegExp(`2 private keys \\(signing_keys\\) under ${masterKeyId(OLD)}\\. They cannot be used until this process holds that key: give it as HUB_MASTER_KEY`))]);
    expect(said.notes).toEqual([]);
  });

  it('notes what still waits under the previous key during a rotation, without a warning', () => {
    const said = sealedSecretsAtStart(report([{ keyId: masterKeyId(OLD), rows: 3 }]), MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD }));
    expect(said.warnings).toEqual([]);
    expect(said.notes).toEqual([expect.stringContaining('still under HUB_MASTER_KEY_PREVIOUS')]);
  });

  it('says nothing when everything is under the current key, or sealed before key ids (they open with either key)', () => {
    expect(sealedSecretsAtStart(report([]), MasterKeyRing.of({ masterKey: NEW }))).toEqual({ warnings: [], notes: [] });
    expect(sealedSecretsAtStart(report([{ keyId: null, rows: 4 }]), MasterKeyRing.of({ masterKey: NEW }))).toEqual({ warnings: [], notes: [] });
  });
});
