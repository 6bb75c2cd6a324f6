import { declarationStats, deliveryStats, verificationStats } from '../domain/stats-report';
import { renderStatsPage } from './stats-page';

describe('operator stats page: server-rendered HTML with SVG charts', () => {
  const periods = ['2026-05-19', '2026-05-20'];
  const input = {
    from: '2026-05-19T00:00:00.000Z',
    to: '2026-05-21T00:00:00.000Z',
    granularity: 'day',
    scope: 'ALL',
    declarations: declarationStats(
      [
        { period: '2026-05-19', partner: '<script>alert(1)</script>', agreement: 'RCEP', key: 'MATCHED', n: 3 },
        { period: '2026-05-20', partner: 'KH-HUB', agreement: 'RCEP', key: 'PARTIAL', n: 1 },
      ],
      periods,
    ),
    verifications: { available: false, ...verificationStats([], periods) },
    deliveries: deliveryStats([{ dimension: 'period' as const, key: '2026-05-20', total: 4, delivered: 3, failed: 1, pending: 0, unroutable: 0, p50Ms: 80, p95Ms: 400 }], periods),
  };
  const html = renderStatsPage(input);

  it('draws a chart per figure, each an inline SVG, with bars and lines for the data', () => {
    const charts = [...html.matchAll(/<svg class="chart" data-chart="([a-z-]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['declarations', 'deliveries', 'latency', 'match-rate-by-partner', 'match-rate-by-agreement', 'delivered-by-partner']);
    expect(html).toContain('<rect class="bar bar-matched" data-period="2026-05-19" data-value="3"');
    expect(html).toMatch(/<polyline class="line line-rate" data-series="match rate" points="[\d., ]+" data-axis="right"\/>/);
    expect(html).toContain('data-chart-missing="verifications"');
  });

  it('offers the window back in a form that, sent again, asks for the same days', () => {
    expect(html).toContain('<input name="from" type="date" value="2026-05-19">');
    expect(html).toContain('<input name="to" type="date" value="2026-05-20">');
  });

  it('escapes every label, and loads nothing from elsewhere', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|src=|href="http/);
  });
});
