import { Injectable } from '@nestjs/common';
import { MasterKeyRing } from '../../core/secrets/master-key-ring';
import { openPartnerSecret } from '../partners/partner-secret-box';
import { BoundedMap } from '../../core/memory/bounded';

const LIMIT = 256;

/**
 * The bearer tokens this hub presents to partners, opened once per sealed value and process rather
 * than once per attempt. Keyed by the sealed bytes, so a new token (a new sealed value) is opened
 * afresh and an old one is never used again.
 */
@Injectable()
export class OutboundTokens {
  private readonly opened = new BoundedMap<string, string>(LIMIT);

  open(sealed: Buffer, masterKeyId: string | null | undefined, ring: MasterKeyRing, partnerCode: string): string {
    const key = `${partnerCode}:${sealed.toString('base64')}`;
    let token = this.opened.get(key);
    if (token === undefined) {
      token = openPartnerSecret(sealed, masterKeyId, ring, partnerCode);
      this.opened.set(key, token);
    }
    return token;
  }
}
