import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { PartnersService } from './partners.service';
import { loggableMessage } from '../../core/database/pg-errors';

/**
 * Partners registered before their node certificates were checked as they are now (or whose
 * certificate expired or was revoked since) are named at start: their envelopes are refused from now
 * on, and the operator must hear why rather than find out from the partner. So are partners whose
 * endpoint the outbound policy refuses: deliveries to them fail until the endpoint is changed.
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
      const list = failing.map((f) => `${f.code} (${f.problems.join(', ')})`).join('; ');
      if (failing.length > 0) this.logger.warn(`Partners whose node certificate fails its checks: their envelopes are refused until the operator registers a valid one: ${list}`);
    } catch (error) {
      this.logger.warn(`Could not check the partners' node certificates at start: ${loggableMessage(error)}`);
    }
    try {
      const refused = await this.partners.refusedEndpoints();
      if (refused.length === 0) return;
      const list = refused.map((f) => `${f.code} (${f.problems.join(', ')})`).join('; ');
      this.logger.warn(`Partners whose endpoint the outbound policy refuses: deliveries to them fail until the operator changes the endpoint or HUB_PARTNER_ALLOWED_HOSTS: ${list}`);
    } catch (error) {
      this.logger.warn(`Could not check the partners' endpoints at start: ${loggableMessage(error)}`);
    }
  }
}
