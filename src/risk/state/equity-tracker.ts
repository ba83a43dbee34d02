import { InvalidInputError, quote } from '../../core/errors.js';

/** Milliseconds in a UTC day: days are numbered floor(ts / DAY_MS), so every day starts at 00:00 UTC. */
export const DAY_MS = 86_400_000;

export interface DailyLossMeasure {
  readonly startOfDayEquity: number;
  /** startOfDayEquity − equity (positive when money was lost). */
  readonly loss: number;
  /** loss / startOfDayEquity; NaN when startOfDayEquity <= 0 (a fraction of nothing means nothing). */
  readonly lossFraction: number;
}

export interface DrawdownMeasure {
  readonly peakEquity: number;
  /** (peak − equity) / peak, in [0, 1] for positive equity; NaN when the peak is <= 0. */
  readonly drawdown: number;
}

/**
 * Start-of-day and peak equity, fed by the engine with `observe(equity, ts)` on every bar close and fill.
 *
 * - Days are UTC days (00:00 to 24:00 UTC), the same for every market, so a backtest and a live node agree
 *   whatever the machine's time zone.
 * - Start-of-day equity is the equity last observed before the day's first observation (the previous
 *   close), so a loss from an overnight gap counts against the new day. The very first observation starts
 *   its own day.
 * - Peak equity is the highest equity ever observed (high-water mark); measures take max(peak, equity now).
 * An observation timed before the previous one (a live clock stepping back) never moves the day backwards.
 */
export class EquityTracker {
  private day = Number.NaN;
  private startOfDay = Number.NaN;
  private last = Number.NaN;
  private peak = Number.NaN;

  observe(equity: number, ts: number): void {
    if (!Number.isFinite(equity))
      throw new InvalidInputError(`equity ${quote(equity)} must be a finite number`);
    if (!Number.isFinite(ts)) throw new InvalidInputError(`ts ${quote(ts)} must be a finite epoch ms`);
    const day = Math.floor(ts / DAY_MS);
    if (Number.isNaN(this.day)) {
      this.day = day;
      this.startOfDay = equity;
      this.peak = equity;
    } else if (day > this.day) {
      this.day = day;
      this.startOfDay = this.last;
    }
    this.last = equity;
    if (equity > this.peak) this.peak = equity;
  }

  /** True once anything was observed. */
  get started(): boolean {
    return !Number.isNaN(this.day);
  }

  /** Start-of-day equity for the day of `now`; `equity` (no loss yet) before the first observation. */
  startOfDayEquity(now: number, equity: number): number {
    if (!this.started) return equity;
    return Math.floor(now / DAY_MS) > this.day ? this.last : this.startOfDay;
  }

  /** The high-water mark including `equity`. */
  peakEquity(equity: number): number {
    return this.started && this.peak > equity ? this.peak : equity;
  }

  dailyLoss(equity: number, now: number): DailyLossMeasure {
    const startOfDayEquity = this.startOfDayEquity(now, equity);
    const loss = startOfDayEquity - equity;
    return {
      startOfDayEquity,
      loss,
      lossFraction: startOfDayEquity > 0 ? loss / startOfDayEquity : Number.NaN,
    };
  }

  drawdown(equity: number): DrawdownMeasure {
    const peakEquity = this.peakEquity(equity);
    return { peakEquity, drawdown: peakEquity > 0 ? (peakEquity - equity) / peakEquity : Number.NaN };
  }
}
