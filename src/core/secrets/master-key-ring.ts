import { createHmac } from 'node:crypto';
import { assertMasterKey } from '../config/master-key';
import { BoundedMap } from '../memory/bounded';

// The master keys a process holds: HUB_MASTER_KEY, which every new seal uses, and during a rotation
// HUB_MASTER_KEY_PREVIOUS, which only opens what is still sealed under it. Each sealed secret stores
// the id of the key it was sealed under; the id is derived from the key itself, so two keys never
// share one and a secret never names a key the operator did not give.

/** Hex characters of a master key id: 64 bits, so two keys' ids do not collide. */
const ID_HEX = 16;

export interface MasterKey {
  /** Derived from the key (HMAC-SHA256 under it, truncated): names it in the database and in reports, reveals nothing of it. */
  readonly id: string;
  /** The key as configured (the environment's text): what the sealing functions take. */
  readonly text: string;
  readonly role: 'HUB_MASTER_KEY' | 'HUB_MASTER_KEY_PREVIOUS';
}

/** The id a master key is stored under; throws MasterKeyError for a key that is not one. */
export function masterKeyId(text: string): string {
  return createHmac('sha256', assertMasterKey(text)).update('ecoo-hub/master-key-id/v1').digest('hex').slice(0, ID_HEX);
}

/** A secret that neither configured key opens: the message says which key it names and which the process holds. */
export class MasterKeyUnavailableError extends Error {
  override readonly name = 'MasterKeyUnavailableError';
}

export interface MasterKeySettings {
  masterKey?: string;
  masterKeyPrevious?: string;
}

const rings = new BoundedMap<string, MasterKeyRing>(8);

export class MasterKeyRing {
  private constructor(
    readonly current: MasterKey | undefined,
    readonly previous: MasterKey | undefined,
  ) {}

  /** The ring of the configured keys; the ids are derived once per pair of keys and process. */
  static of(settings: MasterKeySettings): MasterKeyRing {
    const cacheKey = `${settings.masterKey ?? ''}\n${settings.masterKeyPrevious ?? ''}`;
    let ring = rings.get(cacheKey);
    if (!ring) {
      const key = (text: string | undefined, role: MasterKey['role']): MasterKey | undefined => (text ? { id: masterKeyId(text), text, role } : undefined);
      ring = new MasterKeyRing(key(settings.masterKey, 'HUB_MASTER_KEY'), key(settings.masterKeyPrevious, 'HUB_MASTER_KEY_PREVIOUS'));
      rings.set(cacheKey, ring);
    }
    return ring;
  }

  /** The key new seals use. */
  sealing(): MasterKey {
    if (!this.current) throw new MasterKeyUnavailableError('HUB_MASTER_KEY is not set, so nothing can be sealed');
    return this.current;
  }

  /**
   * The keys to open a secret with, in order. A secret that names its key gets that key alone, or
   * none when this process holds no such key. One sealed before keys were named (`null`) gets both,
   * the current first: AES-GCM refuses a wrong key, so trying is safe.
   */
  keysFor(keyId: string | null | undefined): MasterKey[] {
    const held = [this.current, this.previous].filter((key): key is MasterKey => key !== undefined);
    if (keyId === null || keyId === undefined) return held;
    return held.filter((key) => key.id === keyId);
  }

  /**
   * Opens a secret with the key it names (see keysFor): returns what `open` returned and the key
   * that opened it. Throws MasterKeyUnavailableError when no held key does, saying why.
   */
  open<T>(keyId: string | null | undefined, open: (key: MasterKey) => T): { value: T; key: MasterKey } {
    const candidates = this.keysFor(keyId);
    let failure: unknown;
    for (const key of candidates) {
      try {
        return { value: open(key), key };
      } catch (error) {
        failure = error;
      }
    }
    throw new MasterKeyUnavailableError(this.explain(keyId, candidates.length > 0 ? failure : undefined));
  }

  private explain(keyId: string | null | undefined, failure: unknown): string {
    if (!this.current && !this.previous) return 'HUB_MASTER_KEY is not set, so no sealed secret can be opened';
    const held = `HUB_MASTER_KEY is ${this.current?.id ?? 'not set'}, HUB_MASTER_KEY_PREVIOUS is ${this.previous?.id ?? 'not set'}`;
    if (failure !== undefined) {
      const named = keyId ? `sealed under master key ${keyId}` : 'sealed before master keys were named';
      return `${named}, and it does not open with ${keyId ? 'that key' : 'either key held'} (${held}): the record was altered, or the key given is not the one it was sealed under (${(failure as Error).message})`;
    }
    return `sealed under master key ${keyId}, which this process does not hold (${held}): give that key as HUB_MASTER_KEY_PREVIOUS until \`npm run keys:rotate-master\` has sealed everything again`;
  }
}
