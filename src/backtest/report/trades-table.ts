import type { TradeRecord } from '../backtest.types.js';
import { escapeHtml } from './escape-html.js';
import { formatDecimal, formatMoney, formatPercent, formatPrice } from './number-format.js';
import { formatUtcDate } from './utc-date.js';

/** The trades table lists at most this many trades (the first ones); a note says when there are more. */
export const MAX_TRADE_ROWS = 500;

const HEADERS = [
  '#',
  'Instrument',
  'Side',
  'Quantity',
  'Entry',
  'Entry price',
  'Exit',
  'Exit price',
  'Bars',
  'Fees',
  'Slippage',
  'P&amp;L',
  'Return',
] as const;

function signClass(value: number): string {
  return value > 0 ? ' class="num pos"' : value < 0 ? ' class="num neg"' : ' class="num"';
}

function row(trade: TradeRecord, index: number): string {
  const exit = trade.open
    ? `${formatUtcDate(trade.exitTs)} <span class="badge">open</span>`
    : formatUtcDate(trade.exitTs);
  return [
    trade.open ? '<tr class="open">' : '<tr>',
    `<td class="num">${index + 1}</td>`,
    `<td>${escapeHtml(trade.instrumentId)}</td>`,
    `<td>${trade.direction === 'long' ? 'Long' : 'Short'}</td>`,
    `<td class="num">${formatDecimal(trade.quantity, 0, 8)}</td>`,
    `<td>${formatUtcDate(trade.entryTs)}</td>`,
    `<td class="num">${formatPrice(trade.entryPrice)}</td>`,
    `<td>${exit}</td>`,
    `<td class="num">${formatPrice(trade.exitPrice)}</td>`,
    `<td class="num">${formatDecimal(trade.barsHeld, 0, 0)}</td>`,
    `<td class="num">${formatMoney(trade.fees)}</td>`,
    `<td class="num">${formatMoney(trade.slippage)}</td>`,
    `<td${signClass(trade.pnl)}>${formatMoney(trade.pnl)}</td>`,
    `<td${signClass(trade.returnPct)}>${formatPercent(trade.returnPct, 2)}</td>`,
    '</tr>',
  ].join('');
}

/**
 * The trades table (first `maxRows` trades, in the order given). An open trade's exit columns show the last
 * mark, badged "open". P&L is net of fees, as in TradeRecord.
 */
export function renderTradesTable(trades: readonly TradeRecord[], maxRows: number = MAX_TRADE_ROWS): string {
  if (trades.length === 0) return '<p class="note">No trades.</p>';
  const shown = Math.min(trades.length, maxRows);
  const parts: string[] = [];
  if (shown < trades.length) {
    parts.push(
      `<p class="note truncated">Showing the first ${formatDecimal(shown, 0, 0)} of ${formatDecimal(trades.length, 0, 0)} trades.</p>`,
    );
  }
  parts.push(
    '<div class="table-scroll"><table class="trades"><thead><tr>',
    HEADERS.map((header) => `<th>${header}</th>`).join(''),
    '</tr></thead><tbody>',
  );
  for (let i = 0; i < shown; i++) parts.push(row(trades[i] as TradeRecord, i));
  parts.push('</tbody></table></div>');
  return parts.join('');
}
