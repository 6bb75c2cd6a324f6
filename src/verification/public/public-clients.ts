import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createHash, createHmac } from 'node:crypto';
import { hubConfig } from '../../core/config/hub.config';

/**
 * A public caller's address as a keyed hash: enough to count its requests and its verifications,
 * without storing the address (the key is derived from the operator token, which never leaves the hub).
 */
@Injectable()
export class PublicClients {
  private readonly key: Buffer;

  constructor(@Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>) {
    this.key = createHash('sha256').update(`ecoo-public-client:${config.adminToken}`).digest();
  }

  keyOf(address: string): string {
    return createHmac('sha256', this.key).update(address).digest('hex').slice(0, 32);
  }
}
