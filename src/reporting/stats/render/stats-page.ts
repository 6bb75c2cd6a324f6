import type { Breakdown, DeclarationCounts, DeliveryCounts, VerificationCounts } from '../domain/stats-report';
import { escapeHtml as e, percent } from './html';
import { PAGE_STYLE } from './page-style';
import { lineChart, rateBarChart, stackedBarChart } from './svg-charts';

/** What the page shows: the JSON report of GET /v1/stats for the same window. */
export interface StatsPageInput {
  from: string;
  to: string;
  granularity: string;
  scope: string;
  declarations: Breakdown<DeclarationCounts>;
  verifications: Breakdown<VerificationCounts> & { available: boolean };
  deliveries: Breakdown<DeliveryCounts>;
}

const ms = (v: number | null) => (v === null ? '–' : `${v} ms`);
const instant = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function tile(value: string, label: string): string {
  return `<div class="tile"><b>${e(value)}</b><span>${e(label)}</span></div>`;
}

// The window's end is exclusive; the form shows the last day it covers, which a date "to" means whole.
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

function windowForm(input: StatsPageInput): string {
  const option = (g: string) => `<option value="${g}"${g === input.granularity ? ' selected' : ''}>${g}</option>`;
  return `<form class="window" method="get" action="/ops/stats">
<label>from<input name="from" type="date" value="${e(input.from.slice(0, 10))}"></label>
<label>to (the whole day)<input name="to" type="date" value="${e(lastDay(input.to))}"></label>
<label>period<select name="granularity">${['day', 'week', 'month'].map(option).join('')}</select></label>
<button type="submit">Show</button></form>`;
}

function table<T, K extends string>(title: string, key: K, rows: (T & Record<K, string>)[], columns: [string, (row: T) => string][]): string {
  const head = `<tr><th>${e(key)}</th>${columns.map(([name]) => `<th>${e(name)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr><td>${e(row[key])}</td>${columns.map(([, cell]) => `<td>${e(cell(row))}</td>`).join('')}</tr>`).join('');
  return `<table data-table="${e(title)}"><caption>${e(title)}</caption>${head}${body || `<tr><td colspan="${columns.length + 1}" class="note">nothing in this window</td></tr>`}</table>`;
}

const declarationColumns: [string, (r: DeclarationCounts) => string][] = [
  ['declarations', (r) => String(r.total)],
  ['matched', (r) => String(r.matched)],
  ['partial', (r) => String(r.partial)],
  ['unmatched', (r) => String(r.unmatched)],
  ['match rate', (r) => percent(r.matchRate)],
];
const deliveryColumns: [string, (r: DeliveryCounts) => string][] = [
  ['deliveries', (r) => String(r.total)],
  ['delivered', (r) => percent(r.deliveredRate)],
  ['failed', (r) => percent(r.failedRate)],
  ['pending', (r) => String(r.pending)],
  ['p50', (r) => ms(r.latencyP50Ms)],
  ['p95', (r) => ms(r.latencyP95Ms)],
];

function verificationChart(input: StatsPageInput): string {
  if (!input.verifications.available) return `<p class="note" data-chart-missing="verifications">Verifications: this hub keeps no verification log yet.</p>`;
  const verdicts = [...new Set(input.verifications.series.flatMap((s) => Object.keys(s.byVerdict)))].sort();
  return stackedBarChart({
    id: 'verifications',
    title: 'Verifications by verdict',
    periods: input.verifications.series.map((s) => s.period),
    series: verdicts.map((verdict, i) => ({ name: verdict, className: `bar-verdict-${i % 4}`, values: input.verifications.series.map((s) => s.byVerdict[verdict] ?? 0) })),
  });
}

/**
 * The operator's analytics page: server-rendered HTML with inline SVG charts and no script, so it
 * works offline and under a strict Content-Security-Policy.
 */
export function renderStatsPage(input: StatsPageInput): string {
  const { declarations: d, deliveries: dl, verifications: v } = input;
  const periods = d.series.map((s) => s.period);
  const tiles = [
    tile(String(d.totals.total), 'import declarations'),
    tile(percent(d.totals.matchRate), 'match rate'),
    tile(v.available ? String(v.totals.total) : '–', 'verifications'),
    tile(String(dl.totals.total), 'deliveries'),
    tile(percent(dl.totals.deliveredRate), 'delivered'),
    tile(percent(dl.totals.failedRate), 'failed'),
    tile(ms(dl.totals.latencyP50Ms), 'latency p50'),
    tile(ms(dl.totals.latencyP95Ms), 'latency p95'),
  ].join('');
  const charts = [
    stackedBarChart({
      id: 'declarations',
      title: 'Import declarations and match rate',
      periods,
      series: [
        { name: 'matched', className: 'bar-matched', values: d.series.map((s) => s.matched) },
        { name: 'partial', className: 'bar-partial', values: d.series.map((s) => s.partial) },
        { name: 'unmatched', className: 'bar-unmatched', values: d.series.map((s) => s.unmatched) },
      ],
      rate: { name: 'match rate', className: 'line-rate', values: d.series.map((s) => s.matchRate) },
    }),
    verificationChart(input),
    stackedBarChart({
      id: 'deliveries',
      title: 'Deliveries by outcome',
      periods: dl.series.map((s) => s.period),
      series: [
        { name: 'delivered', className: 'bar-delivered', values: dl.series.map((s) => s.delivered) },
        { name: 'failed', className: 'bar-failed', values: dl.series.map((s) => s.failed) },
        { name: 'unroutable', className: 'bar-unroutable', values: dl.series.map((s) => s.unroutable) },
        { name: 'pending', className: 'bar-pending', values: dl.series.map((s) => s.pending) },
      ],
    }),
    lineChart({
      id: 'latency',
      title: 'Delivery latency, creation to acknowledgement',
      periods: dl.series.map((s) => s.period),
      unit: ' ms',
      series: [
        { name: 'p50', className: 'line-p50', values: dl.series.map((s) => s.latencyP50Ms) },
        { name: 'p95', className: 'line-p95', values: dl.series.map((s) => s.latencyP95Ms) },
      ],
    }),
    rateBarChart({ id: 'match-rate-by-partner', title: 'Match rate per partner', rows: d.byPartner.map((p) => ({ label: p.partner, rate: p.matchRate, count: p.total })) }),
    rateBarChart({ id: 'match-rate-by-agreement', title: 'Match rate per agreement', rows: d.byAgreement.map((a) => ({ label: a.agreement, rate: a.matchRate, count: a.total })) }),
    rateBarChart({ id: 'delivered-by-partner', title: 'Delivered rate per partner', rows: dl.byPartner.map((p) => ({ label: p.partner, rate: p.deliveredRate, count: p.total })) }),
  ].join('\n');
  const tables = [
    table('Declarations per partner', 'partner', d.byPartner, declarationColumns),
    table('Declarations per agreement', 'agreement', d.byAgreement, declarationColumns),
    table('Deliveries per partner', 'partner', dl.byPartner, deliveryColumns),
    table('Deliveries per agreement', 'agreement', dl.byAgreement, deliveryColumns),
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Exchange analytics - e-CoO hub</title><style>${PAGE_STYLE}</style></head>
<body><header><h1>Exchange analytics</h1><div>${e(input.scope === 'ALL' ? 'The whole hub' : input.scope)}, ${e(instant(input.from))} to ${e(instant(input.to))}, per ${e(input.granularity)}</div></header>
<main>${windowForm(input)}<section class="tiles">${tiles}</section><section class="charts">${charts}</section><section>${tables}</section>
<p class="note">The same figures as JSON: GET /v1/stats; as Prometheus metrics: /metrics.</p></main></body></html>`;
}
