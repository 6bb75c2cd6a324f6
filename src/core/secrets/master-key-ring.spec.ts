import { MasterKeyRing, MasterKeyUnavailableError, masterKeyId } from './master-key-ring';

const OLD = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const NEW = '5e0b7c2d9a4f1863e7d2c5b8a1f4e7d0c3b6a9f2e5d8c1b4a7f0e3d6c9b2a5f8';
const OTHER = 'c4d9e2f7a0b5c8d1e6f3a4b7c0d9e2f5a8b1c6d3e0f7a2b5c8d1e4f7a0b3c6d9';

// A stand-in for a sealing function: "opens" only with the key it was sealed under.
const sealedUnder = (text: string) => (key: { text: string }) => {
  if (key.text !== text) throw new Error('bad tag');
  return `opened with ${key.text.slice(0, 4)}`;
};

describe('the master keys a process holds', () => {
  it('names a key by an id derived from it: the same for the same key in any spelling, another for another key', () => {
    expect(masterKeyId(OLD)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(OLD)).toBe(masterKeyId(Buffer.from(OLD, 'hex').toString('base64')));
    expect(masterKeyId(NEW)).not.toBe(masterKeyId(OLD));
    // The id is no part of the key.
    expect(OLD).not.toContain(masterKeyId(OLD));
  });

  it('seals under HUB_MASTER_KEY only, never under the previous key', () => {
    const ring = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    expect(ring.sealing()).toMatchObject({ id: masterKeyId(NEW), role: 'HUB_MASTER_KEY' });
    expect(() => MasterKeyRing.of({}).sealing()).toThrow(MasterKeyUnavailableError);
  });

  it('opens a secret with the key its stored id names, current or previous', () => {
    const ring = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    expect(ring.keysFor(masterKeyId(OLD)).map((k) => k.role)).toEqual(['HUB_MASTER_KEY_PREVIOUS']);
    expect(ring.keysFor(masterKeyId(NEW)).map((k) => k.role)).toEqual(['HUB_MASTER_KEY']);
    expect(ring.open(masterKeyId(OLD), sealedUnder(OLD))).toMatchObject({ value: 'opened with a3f1', key: { role: 'HUB_MASTER_KEY_PREVIOUS' } });
    expect(ring.open(masterKeyId(NEW), sealedUnder(NEW)).key.role).toBe('HUB_MASTER_KEY');
  });

  it('tries only the named key: a wrong id is refused even when another key held would open it', () => {
    const ring = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    expect(() => ring.open(masterKeyId(NEW), sealedUnder(OLD))).toThrow(/sealed under master key [0-9a-f]{16}, and it does not open with that key/);
  });

  it('says which key a secret needs when the process does not hold it', () => {
    const after = MasterKeyRing.of({ masterKey: NEW });
    expect(after.keysFor(masterKeyId(OLD))).toEqual([]);
    expect(() => after.open(masterKeyId(OLD), sealedUnder(OLD))).toThrow(
      new RegExp(`sealed under master key ${masterKeyId(OLD)}, which this process does not hold \\(HUB_MASTER_KEY is ${masterKeyId(NEW)}, HUB_MASTER_KEY_PREVIOUS is not set\\)`),
    );
    expect(() => MasterKeyRing.of({ masterKey: OTHER, masterKeyPrevious: NEW }).open(masterKeyId(OLD), sealedUnder(OLD))).toThrow(MasterKeyUnavailableError);
  });

  it('tries both keys, the current first, for a secret sealed before ids were stored', () => {
    const ring = MasterKeyRing.of({ masterKey: NEW, masterKeyPrevious: OLD });
    expect(ring.keysFor(null).map((k) => k.role)).toEqual(['HUB_MASTER_KEY', 'HUB_MASTER_KEY_PREVIOUS']);
    expect(ring.open(null, sealedUnder(OLD)).key.role).toBe('HUB_MASTER_KEY_PREVIOUS');
    expect(ring.open(null, sealedUnder(NEW)).key.role).toBe('HUB_MASTER_KEY');
    expect(() => ring.open(null, sealedUnder(OTHER))).toThrow(/sealed before master keys were named, and it does not open with either key held/);
    expect(() => MasterKeyRing.of({}).open(null, sealedUnder(OLD))).toThrow(/HUB_MASTER_KEY is not set/);
  });
});
