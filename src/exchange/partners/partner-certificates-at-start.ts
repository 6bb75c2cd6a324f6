import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { PartnersService } from './partners.service';

/**
 * Partners registered before their node certificates were checked as they are now (or whose
 * certificate expired or was revoked since) are named at start: their envelopes are refused from now
 * on, and the operator must hear why rather than find out from the partner.
 */
@Injectable()
export class PartnerCertificatesAtStart implements OnApplicationBootstrap {
  private readonly logger = new Logger('Partners');

  constructor(
    private readonly partners: PartnersService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const failing = await this.partners.failingNodeCertificates(this.clock.now());
      if (failing.length === 0) return;
      const list = failing.map((f) => `${f.code} (${f.problems.join(', ')})`).join('; ');
      this.logger.warn(`Partners whose node certificate fails its checks: their envelopes are refused until the operator registers a valid one: ${list}`);
    } catch (error) {
      this.logger.warn(`Could not check the partners' node certificates at start: ${(error as Error).message}`);
    }
  }
}
