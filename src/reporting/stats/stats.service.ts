import { Injectable } from '@nestjs/common';
import { AuthorityPrincipal, PrincipalKind, type OperatorPrincipal } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError } from '../../core/errors/request-error';
import { Breakdown, DeclarationCounts, DeliveryCounts, VerificationCounts, declarationStats, deliveryStats, verificationStats } from './domain/stats-report';
import { StatsWindow, WindowInput, statsWindow } from './domain/stats-window';
import { StatsQueries, StatsScope } from './stats-queries';

export interface StatsReport {
  from: string;
  to: string;
  granularity: string;
  scope: string;
  declarations: Breakdown<DeclarationCounts>;
  verifications: Breakdown<VerificationCounts> & { available: boolean };
  deliveries: Breakdown<DeliveryCounts>;
}

/**
 * Exchange analytics over a window: match rates of import declarations, verifications, deliveries
 * (outcomes, rates, latency), each per period, partner and agreement. The operator sees the hub; an
 * authority its own slice.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly queries: StatsQueries,
    private readonly clock: Clock,
  ) {}

  window(input: WindowInput): StatsWindow {
    const { window, violations } = statsWindow(input, this.clock.now());
    if (!window) throw RequestError.validation(violations);
    return window;
  }

  async report(principal: OperatorPrincipal | AuthorityPrincipal, input: WindowInput): Promise<StatsReport> {
    const window = this.window(input);
    const scope: StatsScope = principal.kind === PrincipalKind.OPERATOR ? { kind: 'all' } : { kind: 'authority', authorityId: principal.authorityId, code: principal.code };
    const [declarations, verifications, deliveries] = await Promise.all([this.queries.declarations(window, scope), this.queries.verifications(window, scope), this.queries.deliveries(window, scope)]);
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      granularity: window.granularity,
      scope: scope.kind === 'all' ? 'ALL' : scope.code,
      declarations: declarationStats(declarations, window.periods),
      verifications: { available: verifications !== null, ...verificationStats(verifications ?? [], window.periods) },
      deliveries: deliveryStats(deliveries, window.periods),
    };
  }
}
