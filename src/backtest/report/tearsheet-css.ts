/**
 * The tearsheet's whole stylesheet, inlined in <style>: system fonts only, no url(), no @import, so the file
 * opens offline and the Content-Security-Policy can forbid every fetch.
 */
export const TEARSHEET_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1b1f24;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1160px;margin:0 auto;padding:24px 24px 40px}
header h1{margin:0 0 4px;font-size:24px}
header .subtitle{margin:0 0 4px;color:#4b5563;font-size:15px}
header .period{margin:0;color:#6b7280;font-size:13px}
section{background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:16px 18px;margin-top:18px}
section h2{margin:0 0 10px;font-size:16px}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:6px 24px;margin:0}
.metrics div{display:flex;justify-content:space-between;border-bottom:1px solid #eef0f3;padding:4px 0}
.metrics dt{color:#4b5563}
.metrics dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
section.warnings{background:#fff8e6;border-color:#f0c36d}
section.warnings ul{margin:0;padding-left:20px}
.chart{display:block;width:100%;height:auto;font-size:11px}
.chart text{fill:#4b5563}
.chart .grid{stroke:#e5e7eb;stroke-width:1}
.chart .tick,.chart .baseline{stroke:#9ca3af;stroke-width:1}
.chart .line{fill:none;stroke-width:1.5;stroke-linejoin:round}
.chart .empty{font-size:14px}
.series-equity{stroke:#2563eb;fill:#2563eb}
.series-benchmark{stroke:#9ca3af;fill:#9ca3af}
.series-price{stroke:#374151;fill:#374151}
.series-drawdown{stroke:#b91c1c;fill:#b91c1c}
.area-series-drawdown{fill:#ef4444;fill-opacity:.25;stroke:none}
.chart .swatch{stroke:none}
.marker-buy{fill:#16a34a;stroke:#fff;stroke-width:.5}
.marker-sell{fill:#dc2626;stroke:#fff;stroke-width:.5}
.heatmap{font-size:12px}
.heatmap .cell-text{fill:#1b1f24;font-variant-numeric:tabular-nums}
.heatmap .cell-text.strong{fill:#fff}
.heatmap .head{fill:#4b5563;font-weight:600}
.legend-note,.note{color:#6b7280;font-size:13px;margin:6px 0}
.key-buy{color:#16a34a}
.key-sell{color:#dc2626}
.table-scroll{overflow-x:auto}
table.trades{border-collapse:collapse;width:100%;font-size:12.5px}
table.trades th,table.trades td{padding:4px 8px;border-bottom:1px solid #eef0f3;text-align:left;white-space:nowrap}
table.trades th{background:#f3f4f6;position:sticky;top:0}
table.trades td.num{text-align:right;font-variant-numeric:tabular-nums}
td.pos{color:#15803d}
td.neg{color:#b91c1c}
tr.open{background:#fbfbf3}
.badge{display:inline-block;padding:0 5px;border-radius:4px;background:#e5e7eb;font-size:11px}
footer{margin-top:18px;color:#6b7280;font-size:12px}
@media print{body{background:#fff}section{break-inside:avoid;border-color:#ccc}}
`;
