import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CountRow, DeliveryGroupRow } from './domain/stats-report';
import type { StatsWindow } from './domain/stats-window';

/** Whose figures: everything (the operator), or one authority's slice. */
export type StatsScope = { kind: 'all' } | { kind: 'authority'; authorityId: string; code: string };

// Where a certificate came from: the partner node of a received copy, LOCAL for one issued here,
// NONE for a declaration no certificate answered.
const PARTNER_OF_CERTIFICATE = `CASE WHEN c.id IS NULL THEN 'NONE' WHEN c.origin = 'RECEIVED' THEN COALESCE(c.received_from, 'UNKNOWN') ELSE 'LOCAL' END`;
const PERIOD = (column: string) => `to_char(date_trunc($3::text, ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

/**
 * The SQL behind GET /v1/stats and the Prometheus gauges. Reads the tables of other features
 * (certificates, deliveries, partners, verifications) for figures only, never to change them.
 */
@Injectable()
export class StatsQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Declarations per period, partner, agreement and match status. An authority sees those it recorded and those about its certificates. */
  declarations(window: StatsWindow, scope: StatsScope): Promise<CountRow[]> {
    const params: unknown[] = [window.from, window.to, window.granularity];
    let slice = '';
    if (scope.kind === 'authority') {
      params.push(scope.authorityId);
      slice = 'AND (d.customs_authority_id = $4 OR c.issuing_authority_id = $4)';
    }
    return this.dataSource.query(
      `SELECT ${PERIOD('d.recorded_at')} AS period, ${PARTNER_OF_CERTIFICATE} AS partner,
              CASE WHEN c.id IS NULL THEN COALESCE(d.agreement, 'NON_PREFERENTIAL') ELSE COALESCE(c.agreement, 'NON_PREFERENTIAL') END AS agreement,
              d.match_status AS key, count(*)::int AS n
         FROM import_declarations d LEFT JOIN certificates c ON c.id = d.certificate_id
        WHERE d.recorded_at >= $1 AND d.recorded_at < $2 ${slice}
        GROUP BY 1, 2, 3, 4`,
      params,
    );
  }

  /**
   * Deliveries in total, per period, partner and agreement, with the latency from creation to
   * acknowledgement as p50 and p95. An authority sees the deliveries addressed to it and those of its certificates.
   */
  async deliveries(window: StatsWindow, scope: StatsScope): Promise<DeliveryGroupRow[]> {
    const params: unknown[] = [window.from, window.to, window.granularity];
    let slice = '';
    if (scope.kind === 'authority') {
      params.push(scope.authorityId, scope.code);
      slice = 'AND (dl.recipient_authority = $5 OR c.issuing_authority_id = $4)';
    }
    const rows: { dimension: DeliveryGroupRow['dimension']; key: string | null; total: number; delivered: number; failed: number; pending: number; unroutable: number; p50: number | null; p95: number | null }[] =
      await this.dataSource.query(
        `WITH d AS (
           SELECT ${PERIOD('dl.created_at')} AS period,
                  CASE dl.route WHEN 'PARTNER' THEN p.code WHEN 'LOCAL' THEN 'LOCAL' ELSE 'UNROUTABLE' END AS partner,
                  COALESCE(c.agreement, 'NON_PREFERENTIAL') AS agreement,
                  dl.status,
                  (EXTRACT(EPOCH FROM (dl.acknowledged_at - dl.created_at)) * 1000)::float8 AS latency_ms
             FROM deliveries dl
             JOIN certificates c ON c.id = dl.certificate_id
             LEFT JOIN partners p ON p.id = dl.partner_id
            WHERE dl.created_at >= $1 AND dl.created_at < $2 ${slice})
         SELECT CASE WHEN GROUPING(period) = 0 THEN 'period' WHEN GROUPING(partner) = 0 THEN 'partner' WHEN GROUPING(agreement) = 0 THEN 'agreement' ELSE 'all' END AS dimension,
                CASE WHEN GROUPING(period) = 0 THEN period WHEN GROUPING(partner) = 0 THEN partner WHEN GROUPING(agreement) = 0 THEN agreement END AS key,
                count(*)::int AS total,
                count(*) FILTER (WHERE status IN ('DELIVERED', 'DELIVERED_WITH_WARNINGS', 'DELIVERED_NOT_READABLE'))::int AS delivered,
                count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
                count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
                count(*) FILTER (WHERE status = 'UNROUTABLE')::int AS unroutable,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
           FROM d GROUP BY GROUPING SETS ((), (period), (partner), (agreement))`,
        params,
      );
    return rows.map((r) => ({ dimension: r.dimension, key: r.key, total: r.total, delivered: r.delivered, failed: r.failed, pending: r.pending, unroutable: r.unroutable, p50Ms: r.p50, p95Ms: r.p95 }));
  }

  /**
   * Verifications per period, partner, agreement and verdict, from the verification log when this hub
   * has one (null otherwise). An authority sees the verifications it asked for and those of its certificates.
   */
  async verifications(window: StatsWindow, scope: StatsScope): Promise<CountRow[] | null> {
    if (!(await this.hasVerificationLog())) return null;
    const params: unknown[] = [window.from, window.to, window.granularity];
    let slice = '';
    if (scope.kind === 'authority') {
      params.push(`authority:${scope.code}`, scope.code);
      slice = 'AND (v.caller = $4 OR v.issuing_authority_code = $5)';
    }
    return this.dataSource.query(
      `SELECT ${PERIOD('v.verified_at')} AS period, ${PARTNER_OF_CERTIFICATE} AS partner,
              CASE WHEN c.id IS NULL THEN 'UNKNOWN' ELSE COALESCE(c.agreement, 'NON_PREFERENTIAL') END AS agreement,
              v.verdict AS key, count(*)::int AS n
         FROM verifications v LEFT JOIN certificates c ON c.id = v.certificate_id
        WHERE v.verified_at >= $1 AND v.verified_at < $2 ${slice}
        GROUP BY 1, 2, 3, 4`,
      params,
    );
  }

  // The verification log is another feature's table; a hub without it reports no verification figures.
  async hasVerificationLog(): Promise<boolean> {
    const [row]: { present: boolean }[] = await this.dataSource.query(`SELECT to_regclass('public.verifications') IS NOT NULL AS present`);
    return row.present;
  }
}
