import type { InstrumentId } from '../core/ids.js';

/**
 * When an order decided on bar t can fill:
 * - `next-open` (default): at bar t+1, starting from its open — no look-ahead;
 * - `next-close`: at bar t+1's close;
 * - `close`: at bar t's own close — opt-in, flagged in reports as look-ahead-prone (the decision used that close).
 */
export const FILL_TIMINGS = ['next-open', 'next-close', 'close'] as const;
export type FillTiming = (typeof FILL_TIMINGS)[number];

/** Account equity marked to market after each bar: one row per bar, epoch ms. */
export interface EquityCurve {
  readonly ts: Float64Array;
  /** cash + market value of positions at the bar's close. */
  readonly equity: Float64Array;
  /** cash part of the equity. */
  readonly cash: Float64Array;
  /** Gross exposure (sum of |position value|) at the bar's close. */
  readonly grossExposure: Float64Array;
}

/**
 * A round-trip trade: a position opened and closed (or still open at the end, marked at the last close with
 * `open: true`). P&L is net of fees; `slippage` is the cost of fills versus the reference (unslipped) price.
 */
export interface TradeRecord {
  readonly instrumentId: InstrumentId;
  readonly direction: 'long' | 'short';
  readonly quantity: number;
  readonly entryTs: number;
  readonly entryPrice: number;
  readonly exitTs: number;
  readonly exitPrice: number;
  /** (exit - entry) * quantity * (long ? 1 : -1) - fees. */
  readonly pnl: number;
  readonly fees: number;
  readonly slippage: number;
  /** pnl / (entryPrice * quantity). */
  readonly returnPct: number;
  readonly barsHeld: number;
  readonly open: boolean;
}
