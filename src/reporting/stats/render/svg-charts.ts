import { coordinate as c, escapeHtml as e } from './html';

export interface BarSeries {
  name: string;
  /** CSS class of its bars: bar-matched, bar-failed, ... */
  className: string;
  values: number[];
}

export interface LineSeries {
  name: string;
  className: string;
  values: (number | null)[];
}

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { top: 28, right: 48, bottom: 34, left: 52 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max) as number;
}

// Axis ticks sit at quarters of a nice maximum: whole numbers from 4 up, decimals below (0.25 of 1).
const tickLabel = (unit: string) => (v: number) => `${Number(v.toFixed(2))}${unit}`;

function frame(id: string, title: string, body: string, legend: { name: string; className: string }[]): string {
  const items = legend
    .map((l, i) => `<g class="legend-item" transform="translate(${PAD.left + i * 130},10)"><rect class="${e(l.className)}" width="10" height="10"/><text x="14" y="9">${e(l.name)}</text></g>`)
    .join('');
  return `<figure class="chart-box"><figcaption>${e(title)}</figcaption><svg class="chart" data-chart="${e(id)}" role="img" aria-label="${e(title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">${items}${body}</svg></figure>`;
}

function axes(periods: string[], max: number, format: (v: number) => string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = PAD.top + PLOT_H - f * PLOT_H;
      return `<line class="grid" x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${c(y)}" y2="${c(y)}"/><text class="tick" x="${PAD.left - 6}" y="${c(y + 4)}" text-anchor="end">${e(format(max * f))}</text>`;
    })
    .join('');
  // At most about eight period labels, evenly spread, so a month of days stays readable.
  const step = Math.max(1, Math.ceil(periods.length / 8));
  const slot = PLOT_W / Math.max(1, periods.length);
  const labels = periods
    .map((p, i) => (i % step === 0 ? `<text class="tick" x="${c(PAD.left + slot * i + slot / 2)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${e(p.slice(5))}</text>` : ''))
    .join('');
  return `<g class="axes">${ticks}${labels}<line class="axis" x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${PAD.top + PLOT_H}" y2="${PAD.top + PLOT_H}"/></g>`;
}

function polyline(series: LineSeries, periods: string[], max: number, rightAxis = false): string {
  const slot = PLOT_W / Math.max(1, periods.length);
  // A gap (null) breaks the line; each run of values is its own polyline.
  const runs: string[][] = [[]];
  series.values.forEach((v, i) => {
    if (v === null) return void runs.push([]);
    runs[runs.length - 1].push(`${c(PAD.left + slot * i + slot / 2)},${c(PAD.top + PLOT_H - (Math.min(v, max) / max) * PLOT_H)}`);
  });
  const dots = series.values
    .map((v, i) =>
      v === null ? '' : `<circle class="dot ${e(series.className)}" cx="${c(PAD.left + slot * i + slot / 2)}" cy="${c(PAD.top + PLOT_H - (Math.min(v, max) / max) * PLOT_H)}" r="2.5"><title>${e(periods[i])}: ${e(v)}</title></circle>`,
    )
    .join('');
  const lines = runs
    .filter((r) => r.length > 0)
    .map((r) => `<polyline class="line ${e(series.className)}" data-series="${e(series.name)}" points="${r.join(' ')}"${rightAxis ? ' data-axis="right"' : ''}/>`)
    .join('');
  return lines + dots;
}

/** Bars per period, stacked, with an optional rate line (0 to 1) on a right-hand axis. */
export function stackedBarChart(input: { id: string; title: string; periods: string[]; series: BarSeries[]; rate?: LineSeries }): string {
  const totals = input.periods.map((_, i) => input.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = PLOT_W / Math.max(1, input.periods.length);
  const barWidth = Math.max(1, slot * 0.7);
  const bars = input.periods
    .map((period, i) => {
      let base = PAD.top + PLOT_H;
      return input.series
        .map((s) => {
          const value = s.values[i] ?? 0;
          const h = (value / max) * PLOT_H;
          base -= h;
          return value > 0
            ? `<rect class="bar ${e(s.className)}" data-period="${e(period)}" data-value="${value}" x="${c(PAD.left + slot * i + (slot - barWidth) / 2)}" y="${c(base)}" width="${c(barWidth)}" height="${c(h)}"><title>${e(period)} ${e(s.name)}: ${value}</title></rect>`
            : '';
        })
        .join('');
    })
    .join('');
  const rate = input.rate
    ? polyline(input.rate, input.periods, 1, true) +
      [0, 0.5, 1].map((f) => `<text class="tick" x="${PAD.left + PLOT_W + 6}" y="${c(PAD.top + PLOT_H - f * PLOT_H + 4)}">${f * 100}%</text>`).join('')
    : '';
  const legend = [...input.series, ...(input.rate ? [input.rate] : [])];
  return frame(input.id, input.title, axes(input.periods, max, tickLabel('')) + bars + rate, legend);
}

/** Lines per period (latency, say); empty periods leave a gap. */
export function lineChart(input: { id: string; title: string; periods: string[]; series: LineSeries[]; unit: string }): string {
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...values));
  const body = axes(input.periods, max, tickLabel(input.unit)) + input.series.map((s) => polyline(s, input.periods, max)).join('');
  return frame(input.id, input.title, body, input.series);
}

/** One horizontal bar per row for a rate from 0 to 1 (match rate per partner, say). */
export function rateBarChart(input: { id: string; title: string; rows: { label: string; rate: number | null; count: number }[] }): string {
  const rowHeight = 22;
  const height = Math.max(60, PAD.top + input.rows.length * rowHeight + 10);
  const labelWidth = 150;
  const plot = WIDTH - labelWidth - 90;
  const rows = input.rows
    .map((row, i) => {
      const y = PAD.top + i * rowHeight;
      const w = ((row.rate ?? 0) * plot) | 0;
      const shown = row.rate === null ? '–' : `${(row.rate * 100).toFixed(1)}%`;
      return (
        `<text class="tick" x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${e(row.label)}</text>` +
        `<rect class="track" x="${labelWidth}" y="${y + 3}" width="${plot}" height="14"/>` +
        `<rect class="bar bar-rate" data-label="${e(row.label)}" data-value="${row.rate ?? ''}" x="${labelWidth}" y="${y + 3}" width="${w}" height="14"><title>${e(row.label)}: ${shown} of ${row.count}</title></rect>` +
        `<text class="tick" x="${labelWidth + plot + 8}" y="${y + 14}">${shown} (${row.count})</text>`
      );
    })
    .join('');
  const empty = input.rows.length === 0 ? `<text class="empty" x="${WIDTH / 2}" y="${PAD.top + 16}" text-anchor="middle">nothing in this window</text>` : '';
  return `<figure class="chart-box"><figcaption>${e(input.title)}</figcaption><svg class="chart" data-chart="${e(input.id)}" role="img" aria-label="${e(input.title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows}${empty}</svg></figure>`;
}
