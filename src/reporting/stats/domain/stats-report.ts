import { MatchStatus } from '../../../matching/domain/match-status';

/** A count grouped by period, partner, agreement and a key (a match status or a verdict). */
export interface CountRow {
  period: string;
  partner: string;
  agreement: string;
  key: string;
  n: number;
}

/** Delivery figures for one group of a GROUPING SETS query: everything, one period, one partner or one agreement. */
export interface DeliveryGroupRow {
  dimension: 'all' | 'period' | 'partner' | 'agreement';
  key: string | null;
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  unroutable: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface DeclarationCounts {
  total: number;
  matched: number;
  partial: number;
  unmatched: number;
  /** matched / total; null without declarations. */
  matchRate: number | null;
}

export interface VerificationCounts {
  total: number;
  byVerdict: Record<string, number>;
}

export interface DeliveryCounts {
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  unroutable: number;
  /** Over settled deliveries (not PENDING); null when none settled. */
  deliveredRate: number | null;
  failedRate: number | null;
  /** Creation to acknowledgement, over acknowledged deliveries. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface Breakdown<T> {
  totals: T;
  series: (T & { period: string })[];
  byPartner: (T & { partner: string })[];
  byAgreement: (T & { agreement: string })[];
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

function declarationCounts(rows: CountRow[]): DeclarationCounts {
  const count = (status: MatchStatus) => rows.filter((r) => r.key === status).reduce((n, r) => n + r.n, 0);
  const total = rows.reduce((n, r) => n + r.n, 0);
  const matched = count(MatchStatus.MATCHED);
  return { total, matched, partial: count(MatchStatus.PARTIAL), unmatched: count(MatchStatus.UNMATCHED), matchRate: rate(matched, total) };
}

function verificationCounts(rows: CountRow[]): VerificationCounts {
  const byVerdict: Record<string, number> = {};
  for (const row of rows) byVerdict[row.key] = (byVerdict[row.key] ?? 0) + row.n;
  return { total: rows.reduce((n, r) => n + r.n, 0), byVerdict };
}

function keysOf(rows: CountRow[], field: 'partner' | 'agreement'): string[] {
  return [...new Set(rows.map((r) => r[field]))].sort();
}

function breakdown<T>(rows: CountRow[], periods: string[], counts: (rows: CountRow[]) => T): Breakdown<T> {
  return {
    totals: counts(rows),
    series: periods.map((period) => ({ period, ...counts(rows.filter((r) => r.period === period)) })),
    byPartner: keysOf(rows, 'partner').map((partner) => ({ partner, ...counts(rows.filter((r) => r.partner === partner)) })),
    byAgreement: keysOf(rows, 'agreement').map((agreement) => ({ agreement, ...counts(rows.filter((r) => r.agreement === agreement)) })),
  };
}

/** Declarations matched, partial and unmatched, and the match rate: the share of declarations that match. */
export function declarationStats(rows: CountRow[], periods: string[]): Breakdown<DeclarationCounts> {
  return breakdown(rows, periods, declarationCounts);
}

export function verificationStats(rows: CountRow[], periods: string[]): Breakdown<VerificationCounts> {
  return breakdown(rows, periods, verificationCounts);
}

function deliveryCounts(row: DeliveryGroupRow | undefined): DeliveryCounts {
  const r = row ?? { total: 0, delivered: 0, failed: 0, pending: 0, unroutable: 0, p50Ms: null, p95Ms: null };
  const settled = r.total - r.pending;
  const ms = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    total: r.total,
    delivered: r.delivered,
    failed: r.failed,
    pending: r.pending,
    unroutable: r.unroutable,
    deliveredRate: rate(r.delivered, settled),
    failedRate: rate(r.failed, settled),
    latencyP50Ms: ms(r.p50Ms),
    latencyP95Ms: ms(r.p95Ms),
  };
}

/** Deliveries from the grouping sets: percentiles do not add up, so each group comes computed. */
export function deliveryStats(rows: DeliveryGroupRow[], periods: string[]): Breakdown<DeliveryCounts> {
  const of = (dimension: DeliveryGroupRow['dimension']) => rows.filter((r) => r.dimension === dimension);
  return {
    totals: deliveryCounts(of('all')[0]),
    series: periods.map((period) => ({ period, ...deliveryCounts(of('period').find((r) => r.key === period)) })),
    byPartner: of('partner')
      .sort((a, b) => String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ partner: String(r.key), ...deliveryCounts(r) })),
    byAgreement: of('agreement')
      .sort((a, b) => String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ agreement: String(r.key), ...deliveryCounts(r) })),
  };
}
