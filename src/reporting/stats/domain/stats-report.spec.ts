import { declarationStats, deliveryStats, verificationStats } from './stats-report';

describe('statistics report: grouped counts into totals, series and breakdowns', () => {
  const periods = ['2026-05-18', '2026-05-19', '2026-05-20'];

  it('gives the match rate in total, per period (empty periods as zero), per partner and per agreement', () => {
    const stats = declarationStats(
      [
        { period: '2026-05-18', partner: 'KH-HUB', agreement: 'RCEP', key: 'MATCHED', n: 3 },
        { period: '2026-05-18', partner: 'KH-HUB', agreement: 'RCEP', key: 'PARTIAL', n: 1 },
        { period: '2026-05-20', partner: 'NONE', agreement: 'ATIGA', key: 'UNMATCHED', n: 4 },
      ],
      periods,
    );
    expect(stats.totals).toEqual({ total: 8, matched: 3, partial: 1, unmatched: 4, matchRate: 0.375 });
    expect(stats.series.map((s) => [s.period, s.total, s.matchRate])).toEqual([
      ['2026-05-18', 4, 0.75],
      ['2026-05-19', 0, null],
      ['2026-05-20', 4, 0],
    ]);
    expect(stats.byPartner.map((p) => [p.partner, p.matchRate])).toEqual([
      ['KH-HUB', 0.75],
      ['NONE', 0],
    ]);
    expect(stats.byAgreement.map((a) => a.agreement)).toEqual(['ATIGA', 'RCEP']);
  });

  it('counts verifications by verdict', () => {
    const stats = verificationStats([{ period: '2026-05-19', partner: 'KH-HUB', agreement: 'RCEP', key: 'VALID', n: 2 }], periods);
    expect(stats.totals).toEqual({ total: 2, byVerdict: { VALID: 2 } });
    expect(stats.series[1]).toEqual({ period: '2026-05-19', total: 2, byVerdict: { VALID: 2 } });
  });

  it('gives delivery rates over settled deliveries and the latency percentiles of each group', () => {
    const stats = deliveryStats(
      [
        { dimension: 'all', key: null, total: 10, delivered: 6, failed: 2, pending: 2, unroutable: 0, p50Ms: 120.4, p95Ms: 900.6 },
        { dimension: 'period', key: '2026-05-20', total: 10, delivered: 6, failed: 2, pending: 2, unroutable: 0, p50Ms: 120.4, p95Ms: 900.6 },
        { dimension: 'partner', key: 'KH-HUB', total: 10, delivered: 6, failed: 2, pending: 2, unroutable: 0, p50Ms: 120.4, p95Ms: 900.6 },
      ],
      periods,
    );
    expect(stats.totals).toEqual({ total: 10, delivered: 6, failed: 2, pending: 2, unroutable: 0, deliveredRate: 0.75, failedRate: 0.25, latencyP50Ms: 120, latencyP95Ms: 901 });
    expect(stats.series[0]).toMatchObject({ period: '2026-05-18', total: 0, deliveredRate: null, latencyP50Ms: null });
    expect(stats.byPartner).toHaveLength(1);
    expect(stats.byAgreement).toEqual([]);
  });
});
