import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../core/canonical/canonical-json';
import { hubConfig } from '../../core/config/hub.config';
import { assertMasterKey } from '../../core/config/master-key';
import { BoundedMap } from '../../core/memory/bounded';
import { MasterKey, MasterKeyRing } from '../../core/secrets/master-key-ring';
import type { OwnSignatureReading } from '../crypto/cms-signer';
import type { VouchedSignature } from '../crypto/cms-verification';
import { cachedCertificate, ParsedCertificate } from '../crypto/x509';

const VERSION = 'v1';
const HKDF_INFO = 'ecoo-hub/signature-check-mac/hkdf-sha256/v1';
const FINGERPRINT = /^[0-9a-f]{64}$/;
const MASTER_KEY_ID = /^[0-9a-f]{16}$/;
const MAC_BYTES = 32;

/**
 * Issue 14, cryptography done once: a certificate's document and signature never change after issue,
 * so the hub checks the signature it makes once, when it makes it, and keeps what it found in the row
 * with a MAC (HMAC-SHA256 under a key derived from HUB_MASTER_KEY) over that reading and the SHA-256
 * of the document and of the CMS. A verification of those same bytes then judges the signer (its
 * chain against the current anchors, validity at issue, key usage, the CRLs, the hub's own revocation
 * records) from the reading, without parsing the CMS or checking its RSA signature again.
 *
 * Someone who can write the database but does not hold the master key cannot make a MAC for other
 * bytes: a document or signature changed in the row no longer matches its MAC, and is checked in
 * full, which finds what changed. Without a master key, under a key this process does not hold (after
 * a rotation), or when the certificates the reading names are not parsed in this process yet, the
 * signature is checked in full as well: the MAC only ever saves work, it never decides an answer.
 *
 * Stored form: `v1.<master key id>.<signing time, ms>.<signer fingerprint>.<other fingerprints, comma-separated>.<MAC, base64url>`.
 */
@Injectable()
export class SignatureCheckMacs {
  private readonly keys = new BoundedMap<string, Buffer>(8);

  constructor(@Inject(hubConfig.KEY) private readonly config: Pick<ConfigType<typeof hubConfig>, 'masterKey' | 'masterKeyPrevious'>) {}

  /** The MAC of a signature the hub made over `content` and read back (OwnSignatureReading); null without HUB_MASTER_KEY. */
  issue(content: Buffer, cmsDer: Buffer, reading: OwnSignatureReading): string | null {
    if (!this.config.masterKey) return null;
    const key = MasterKeyRing.of(this.config).sealing();
    const facts = [VERSION, key.id, String(reading.signingTime.getTime()), reading.signerFingerprint, reading.intermediateFingerprints.join(',')];
    return [...facts, this.mac(key, facts, content, cmsDer).toString('base64url')].join('.');
  }

  /**
   * What `stored` vouches for about exactly these bytes, with the certificates it names as this
   * process parsed them; undefined when it vouches for nothing here (see above).
   */
  open(stored: string | null | undefined, content: Buffer, cmsDer: Buffer): VouchedSignature | undefined {
    if (!stored) return undefined;
    const parts = stored.split('.');
    if (parts.length !== 6 || parts[0] !== VERSION || !MASTER_KEY_ID.test(parts[1])) return undefined;
    const [, keyId, time, signerFingerprint, others, macText] = parts;
    const signingTime = new Date(Number(time));
    const intermediateFingerprints = others === '' ? [] : others.split(',');
    if (!/^\d{1,15}$/.test(time) || Number.isNaN(signingTime.getTime())) return undefined;
    if (![signerFingerprint, ...intermediateFingerprints].every((fingerprint) => FINGERPRINT.test(fingerprint))) return undefined;
    const key = MasterKeyRing.of(this.config).keysFor(keyId)[0];
    if (!key) return undefined;
    const given = Buffer.from(macText, 'base64url');
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.mac(key, parts.slice(0, 5), content, cmsDer))) return undefined;
    const signer = cachedCertificate(signerFingerprint);
    const intermediates = intermediateFingerprints.map((fingerprint) => cachedCertificate(fingerprint));
    if (!signer || intermediates.some((cert) => !cert)) return undefined;
    return { signer, intermediates: intermediates as ParsedCertificate[], signingTime, digestHash: 'sha256' };
  }

  private mac(key: MasterKey, facts: string[], content: Buffer, cmsDer: Buffer): Buffer {
    return createHmac('sha256', this.derived(key))
      .update(`${facts.join('.')}\n${sha256Hex(content)}\n${sha256Hex(cmsDer)}`)
      .digest();
  }

  private derived(key: MasterKey): Buffer {
    let derived = this.keys.get(key.id);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', assertMasterKey(key.text), Buffer.alloc(0), HKDF_INFO, 32));
      this.keys.set(key.id, derived);
    }
    return derived;
  }
}
