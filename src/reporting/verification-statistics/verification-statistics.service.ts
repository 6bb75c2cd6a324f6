import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, PrincipalKind } from '../../core/auth/principal';
import { Clock } from '../../core/clock/clock';
import { RequestError, RequestErrorCode } from '../../core/errors/request-error';
import { Verdict } from '../../verification/verify/domain/verification-codes';
import { VerificationStatisticsQuery, VerificationStatisticsView } from './verification-statistics.dto';

const DAY_MS = 86_400_000;

/** How often, how and with what outcome an issuer's certificates were verified (from the verification log). */
@Injectable()
export class VerificationStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async forIssuer(principal: Principal, query: VerificationStatisticsQuery): Promise<VerificationStatisticsView> {
    const authority = this.authorityOf(principal, query.authority);
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) {
      throw RequestError.validation([{ ruleId: 'VERIFY-STATS-001', severity: 'error', path: 'from', message: 'from must be before to' }]);
    }
    // Both read ix_verifications_issuer_time.
    const groups: { verdict: string; method: string; answer_scope: string; n: number }[] = await this.dataSource.query(
      `SELECT verdict, method, answer_scope, count(*)::int AS n FROM verifications
        WHERE issuing_authority_code = $1 AND verified_at >= $2 AND verified_at < $3 GROUP BY verdict, method, answer_scope`,
      [authority, from, to],
    );
    const reasons: { reason: string; n: number }[] = await this.dataSource.query(
      `SELECT r.reason, count(*)::int AS n FROM verifications v, jsonb_array_elements_text(v.reasons) AS r(reason)
        WHERE v.issuing_authority_code = $1 AND v.verified_at >= $2 AND v.verified_at < $3 AND v.verdict <> $4
        GROUP BY r.reason ORDER BY n DESC, r.reason LIMIT 10`,
      [authority, from, to, Verdict.VALID],
    );
    const tally = (key: 'verdict' | 'method' | 'answer_scope'): Record<string, number> =>
      groups.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g[key]]: (acc[g[key]] ?? 0) + g.n }), {});
    return {
      issuingAuthority: authority,
      from: from.toISOString(),
      to: to.toISOString(),
      total: groups.reduce((sum, g) => sum + g.n, 0),
      byVerdict: { VALID: 0, INVALID: 0, UNKNOWN: 0, ...tally('verdict') },
      byMethod: tally('method'),
      byScope: tally('answer_scope'),
      topReasons: reasons.map((r) => ({ reason: r.reason, count: r.n })),
    };
  }

  private authorityOf(principal: Principal, asked: string | undefined): string {
    if (principal.kind === PrincipalKind.OPERATOR) {
      if (!asked) throw RequestError.validation([{ ruleId: 'VERIFY-STATS-002', severity: 'error', path: 'authority', message: 'name the issuing authority' }]);
      return asked;
    }
    if (principal.kind !== PrincipalKind.AUTHORITY || (asked !== undefined && asked !== principal.code)) {
      throw new RequestError(RequestErrorCode.FORBIDDEN, "An issuer sees the statistics of its own certificates only");
    }
    return principal.code;
  }
}
