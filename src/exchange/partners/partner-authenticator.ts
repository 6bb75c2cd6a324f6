import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PartnerEntity } from '../entities/partner.entity';
import { inboundTokenMatches, parseInboundToken } from './inbound-token';

/**
 * Who is calling the exchange endpoint: the active partner whose inbound token this is, read from
 * PostgreSQL each time (a rotation or a deactivation holds at once).
 */
@Injectable()
export class PartnerAuthenticator {
  constructor(@InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>) {}

  async authenticate(authorization: string | undefined): Promise<PartnerEntity | null> {
    const match = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization) : null;
    const parsed = match ? parseInboundToken(match[1]) : undefined;
    if (!parsed) return null;
    const partner = await this.partners.findOne({ where: { inboundTokenPrefix: parsed.prefix, active: true } });
    return partner && inboundTokenMatches(parsed.secret, partner.inboundTokenHash) ? partner : null;
  }
}
