import { InvalidInputError, quote } from '../../core/errors.js';
import { escapeHtml } from './escape-html.js';
import { renderLineChart, type LineSeriesSpec } from './line-chart-svg.js';
import { renderMonthlyHeatmap } from './monthly-heatmap-svg.js';
import { computeMonthlyReturns } from './monthly-returns.js';
import { formatDecimal } from './number-format.js';
import { TEARSHEET_CSS } from './tearsheet-css.js';
import type { TearsheetInput } from './tearsheet.types.js';
import { tradeMarkers } from './trade-markers.js';
import { renderTradesTable } from './trades-table.js';
import { underwaterSeries } from './underwater.js';
import { formatUtcDate } from './utc-date.js';

const CHART_WIDTH = 1100;

/** Forbids every fetch (scripts, images, fonts, frames); only the inline stylesheet applies. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function checkLengths(input: TearsheetInput): void {
  const n = input.equity.ts.length;
  if (input.equity.equity.length !== n) {
    throw new InvalidInputError(
      `equity.equity length ${quote(input.equity.equity.length)} must equal equity.ts length ${quote(n)}`,
    );
  }
  if (input.benchmark !== undefined && input.benchmark.equity.length !== n) {
    throw new InvalidInputError(
      `benchmark ${quote(input.benchmark.name)} length ${quote(input.benchmark.equity.length)} must equal equity.ts length ${quote(n)}`,
    );
  }
  if (input.price !== undefined && input.price.close.length !== input.price.ts.length) {
    throw new InvalidInputError(
      `price ${quote(input.price.symbol)} close length ${quote(input.price.close.length)} must equal its ts length ${quote(input.price.ts.length)}`,
    );
  }
}

function section(id: string, title: string, body: string, className = ''): string {
  const classAttribute = className === '' ? '' : ` class="${className}"`;
  return `<section id="${id}"${classAttribute}><h2>${title}</h2>${body}</section>`;
}

function header(input: TearsheetInput): string {
  const ts = input.equity.ts;
  const period =
    ts.length === 0
      ? 'No equity data'
      : `${formatUtcDate(ts[0] as number)} → ${formatUtcDate(ts[ts.length - 1] as number)} · ${formatDecimal(ts.length, 0, 0)} bars · ${formatDecimal(input.trades.length, 0, 0)} trades · dates in UTC`;
  const subtitle =
    input.subtitle === undefined ? '' : `<p class="subtitle">${escapeHtml(input.subtitle)}</p>`;
  return `<header><h1>${escapeHtml(input.title)}</h1>${subtitle}<p class="period">${period}</p></header>`;
}

function metricsSection(input: TearsheetInput): string {
  if (input.metrics.length === 0) return section('metrics', 'Metrics', '<p class="note">No metrics.</p>');
  const rows = input.metrics
    .map((metric) => `<div><dt>${escapeHtml(metric.label)}</dt><dd>${escapeHtml(metric.value)}</dd></div>`)
    .join('');
  return section('metrics', 'Metrics', `<dl class="metrics">${rows}</dl>`);
}

function warningsSection(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join('');
  return section('warnings', 'Warnings', `<ul>${items}</ul>`, 'warnings');
}

function equitySection(input: TearsheetInput): string {
  const series: LineSeriesSpec[] = [
    { name: 'Strategy', x: input.equity.ts, y: input.equity.equity, className: 'series-equity' },
  ];
  if (input.benchmark !== undefined) {
    series.push({
      name: input.benchmark.name,
      x: input.equity.ts,
      y: input.benchmark.equity,
      className: 'series-benchmark',
    });
  }
  const chart = renderLineChart({
    label: 'Equity curve',
    width: CHART_WIDTH,
    height: 320,
    series,
    yFormat: 'number',
    legend: true,
  });
  return section('equity', 'Equity curve', chart);
}

function drawdownSection(input: TearsheetInput): string {
  const chart = renderLineChart({
    label: 'Underwater drawdown',
    width: CHART_WIDTH,
    height: 200,
    series: [
      {
        name: 'Drawdown',
        x: input.equity.ts,
        y: underwaterSeries(input.equity.equity),
        className: 'series-drawdown',
        area: true,
      },
    ],
    yFormat: 'percent',
    includeZero: true,
    yMax: 0,
  });
  const note = '<p class="note">Equity / running peak − 1, at each bar\'s close.</p>';
  return section('drawdown', 'Drawdown (underwater)', chart + note);
}

function monthlySection(input: TearsheetInput): string {
  const table = computeMonthlyReturns(input.equity.ts, input.equity.equity);
  const note =
    '<p class="note">Geometric returns per calendar month (UTC), from the last equity of the previous month (the first point for the first month) to the month\'s last; Year compounds the months.</p>';
  return section('monthly-returns', 'Monthly returns', renderMonthlyHeatmap(table) + note);
}

function priceSection(input: TearsheetInput): string {
  const price = input.price;
  if (price === undefined) return '';
  const n = price.ts.length;
  const from = n > 0 ? (price.ts[0] as number) : Number.NaN;
  const to = n > 0 ? (price.ts[n - 1] as number) : Number.NaN;
  const { markers, markedTrades, symbolTrades } = tradeMarkers(input.trades, price.symbol, from, to);
  const symbol = escapeHtml(price.symbol);
  const chart = renderLineChart({
    label: `${price.symbol} close with trade markers`,
    width: CHART_WIDTH,
    height: 320,
    series: [{ name: price.symbol, x: price.ts, y: price.close, className: 'series-price' }],
    markers,
    yFormat: 'number',
  });
  const truncated =
    markedTrades < symbolTrades
      ? ` Markers show the first ${formatDecimal(markedTrades, 0, 0)} of ${formatDecimal(symbolTrades, 0, 0)} trades on ${symbol}.`
      : '';
  const note = `<p class="legend-note"><span class="key-buy">▲ buy</span> · <span class="key-sell">▼ sell</span> at the fill price; hover a marker for details. Trades still open have no exit marker.${truncated}</p>`;
  return section('price', `Price: ${symbol}`, chart + note);
}

/**
 * Renders a self-contained HTML tearsheet: inline CSS, inline SVG charts, no script and no network
 * reference (a Content-Security-Policy forbids fetching anything). Sections: header, metrics, warnings (when
 * any), equity curve (with benchmark), underwater drawdown, monthly returns heat map, price with trade
 * markers (when `price` is given) and the trades table. Pure: the same input gives the same string.
 * Throws InvalidInputError when series lengths disagree or equity timestamps go backwards.
 */
export function renderTearsheet(input: TearsheetInput): string {
  checkLengths(input);
  const body = [
    header(input),
    metricsSection(input),
    warningsSection(input.warnings),
    equitySection(input),
    drawdownSection(input),
    monthlySection(input),
    priceSection(input),
    section(
      'trades',
      `Trades (${formatDecimal(input.trades.length, 0, 0)})`,
      renderTradesTable(input.trades),
    ),
    `<footer>Generated ${escapeHtml(input.generatedAt)} by Neural Trader. Dates are UTC. This file needs no network and runs no script.</footer>`,
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title)}</title>`,
    `<style>${TEARSHEET_CSS}</style>`,
    '</head>',
    '<body><main>',
    body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
