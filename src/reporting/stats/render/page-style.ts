// One stylesheet for the operator pages, inline: the hub serves no assets and the machine may be offline.
export const PAGE_STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
header{background:#1d3a5f;color:#fff;padding:12px 24px}header h1{font-size:18px;margin:0}
main{padding:16px 24px;max-width:1600px}
form.window{display:flex;gap:12px;align-items:end;margin:0 0 16px}form.window label{display:flex;flex-direction:column;font-size:12px}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}.tile{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:10px 14px;min-width:150px}
.tile b{display:block;font-size:22px}.tile span{font-size:12px;color:#5a6878}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart-box{background:#fff;border:1px solid #d8dee6;border-radius:6px;margin:0;padding:8px}
figcaption{font-weight:600;margin:0 0 4px 4px}svg text{font-size:11px;fill:#3b4756}
.grid{stroke:#e6eaef}.axis{stroke:#8a96a3}.track{fill:#eef1f5}.empty{fill:#8a96a3}
.bar-matched{fill:#2e8b57}.bar-partial{fill:#e3a21a}.bar-unmatched{fill:#a5aeb8}
.bar-delivered{fill:#2e6fb7}.bar-failed{fill:#c0392b}.bar-pending{fill:#b9c4d0}.bar-unroutable{fill:#7d3c98}
.bar-verdict-0{fill:#2e8b57}.bar-verdict-1{fill:#c0392b}.bar-verdict-2{fill:#e3a21a}.bar-verdict-3{fill:#7d3c98}.bar-rate{fill:#2e8b57}
.line{fill:none;stroke-width:2}.line-rate,.dot.line-rate{stroke:#1d3a5f;fill:#1d3a5f}.line-p50,.dot.line-p50{stroke:#2e6fb7;fill:#2e6fb7}.line-p95,.dot.line-p95{stroke:#c0392b;fill:#c0392b}
.legend-item rect.line-rate,.legend-item rect.line-p50,.legend-item rect.line-p95{stroke:none}
table{border-collapse:collapse;background:#fff;margin:16px 0}td,th{border:1px solid #d8dee6;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
.note{color:#5a6878}
`;
