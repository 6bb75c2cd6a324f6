import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { hubConfig } from '../../core/config/hub.config';
import { PublicRateLimiter, type RateBudget } from '../../core/http/rate-limit/public-rate-limiter';
import type { PartnerEntity } from '../entities/partner.entity';
import { ExchangeError, ExchangeErrorCode } from '../exchange.error';
import { PartnerAuthenticator } from '../partners/partner-authenticator';

// Anonymous pulls are counted apart from anonymous envelope posts, with the same budget.
const ANONYMOUS_SCOPE = 'anonymous-pull';

/** Who calls the pull endpoints: the same inbound token as POST /v1/exchange/envelopes, the same refusal otherwise. */
@Injectable()
export class PullCaller {
  private readonly publicRate: RateBudget;

  constructor(
    private readonly partners: PartnerAuthenticator,
    private readonly limiter: PublicRateLimiter,
    @Inject(hubConfig.KEY) hub: ConfigType<typeof hubConfig>,
  ) {
    this.publicRate = hub.publicRate;
  }

  async partner(authorization: string | undefined, address: string): Promise<PartnerEntity> {
    const partner = await this.partners.authenticate(authorization);
    if (partner) return partner;
    const decision = await this.limiter.consume(ANONYMOUS_SCOPE, address, this.publicRate);
    if (!decision.allowed) {
      throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_THROTTLED, `Too many calls without a valid partner token from this address; retry in ${decision.resetSeconds} s`, {
        retryAfterSeconds: decision.resetSeconds,
      });
    }
    throw new ExchangeError(ExchangeErrorCode.ENVELOPE_SENDER_UNKNOWN, 'Send the inbound token this hub issued to your node: Authorization: Bearer <token>');
  }
}
