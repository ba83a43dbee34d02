import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import type { MeanReversionConfig } from './config.js';
import { EntrySignal } from './entry-signal.js';
import { RegimeGate } from './regime-gate.js';
import { RollingReversionStats } from './rolling-reversion-stats.js';

/** Why a position was closed: the close reached the mean, the stop-loss, or the half-life time stop. */
export type MeanReversionExit = 'mean' | 'stop-loss' | 'time-stop';

/**
 * Fades stretches away from a moving mean and exits when the price is back at it (rules in README.md):
 * - entry: the selected signal (EntrySignal) fires while the regime filter sees no strong trend and, with
 *   `halfLifeFilter`, the rolling Ornstein-Uhlenbeck half-life is finite and at most `maxHalfLife` bars;
 *   long only unless `allowShort`.
 * - exit, checked on every close while a position is held, first match wins:
 *   `mean` (long: close ≥ SMA; short: close ≤ SMA), `stop-loss` (close `stopLossPercent` against the
 *   position's average entry price), `time-stop` (held ⌈holdingHalfLives × half-life⌉ bars, the half-life
 *   estimated when the entry was decided, capped at `maxHoldingBars`; the cap alone when it is not finite).
 * - after a stop-loss or time stop the same side is re-armed only once a close has reached the mean again,
 *   so one failed fade is not re-entered on the next bar while the price keeps running.
 * Decisions use the bar's close; market orders fill by the engine's fill-timing rule (next open by default),
 * so a stop-loss can fill beyond its level on a gap. No order is sent while one is working.
 * Warm-up: the SMA (`period`), the statistics window (`halfLifeWindow`) and the regime indicator must all be
 * ready before the first entry. Per bar: O(1) streaming updates; the half-life OLS runs every `halfLifeEvery` bars.
 */
export class MeanReversionStrategy extends Strategy {
  readonly name = 'mean-reversion';
  private readonly signal: EntrySignal;
  private readonly regime: RegimeGate;
  private readonly stats: RollingReversionStats;
  private pending = false;
  private barsHeld = 0;
  /** Bars a position may be held, fixed when its entry is decided. */
  private holdingLimit: number;
  private armedLong = true;
  private armedShort = true;

  constructor(private readonly config: MeanReversionConfig) {
    super();
    this.holdingLimit = config.maxHoldingBars;
    this.signal = new EntrySignal(config);
    this.regime = new RegimeGate(config);
    this.stats = new RollingReversionStats(
      config.halfLifeWindow,
      config.halfLifeEvery,
      config.regimeFilter === 'hurst',
    );
  }

  /** The latest half-life estimate in bars (NaN before the statistics window has filled). */
  get halfLife(): number {
    return this.stats.halfLife;
  }

  override onStart(context: StrategyContext): void {
    context.subscribeBars(this.config.symbol, this.config.timeframe);
  }

  override onBar(bar: BarView): void {
    if (bar.symbol !== this.config.symbol) return;
    const close = bar.close;
    const direction = this.signal.update(close);
    this.regime.update(bar);
    this.stats.update(close);
    const mean = this.signal.mean;
    if (close >= mean) this.armedLong = true;
    if (close <= mean) this.armedShort = true;
    if (this.pending) return;
    const position = this.ctx.position(this.config.symbol);
    const held = position?.quantity ?? 0;
    if (held !== 0) {
      this.manage(close, mean, held, position?.averagePrice ?? close);
      return;
    }
    this.barsHeld = 0;
    if (direction === 0 || !this.canEnter()) return;
    if (direction === 1 && this.armedLong) this.enter('buy', close);
    else if (direction === -1 && this.config.allowShort && this.armedShort) this.enter('sell', close);
  }

  override onOrderFilled(): void {
    if (this.ctx.openOrders(this.config.symbol).length === 0) this.pending = false;
  }

  override onOrderCanceled(): void {
    this.pending = false;
  }

  override onOrderRejected(): void {
    this.pending = false;
  }

  private canEnter(): boolean {
    if (!this.signal.isReady || !this.stats.isReady) return false;
    if (this.regime.trending(this.stats.hurst)) return false;
    if (!this.config.halfLifeFilter) return true;
    const halfLife = this.stats.halfLife;
    return halfLife > 0 && halfLife <= this.config.maxHalfLife;
  }

  private enter(side: 'buy' | 'sell', close: number): void {
    const quantity = this.entryQuantity(close);
    if (!(quantity > 0)) return;
    const halfLife = this.stats.halfLife;
    const cap = this.config.maxHoldingBars;
    this.holdingLimit =
      halfLife > 0 && Number.isFinite(halfLife)
        ? Math.min(cap, Math.max(1, Math.ceil(this.config.holdingHalfLives * halfLife)))
        : cap;
    this.ctx.log('mean-reversion entry', {
      side,
      close,
      mean: this.signal.mean,
      halfLife,
      holdingLimit: this.holdingLimit,
    });
    this.send(side, quantity);
  }

  private manage(close: number, mean: number, held: number, entryPrice: number): void {
    this.barsHeld++;
    const long = held > 0;
    const stop = this.config.stopLossPercent / 100;
    let reason: MeanReversionExit | null = null;
    if (long ? close >= mean : close <= mean) reason = 'mean';
    else if (long ? close <= entryPrice * (1 - stop) : close >= entryPrice * (1 + stop)) reason = 'stop-loss';
    else if (this.barsHeld >= this.holdingLimit) reason = 'time-stop';
    if (reason === null) return;
    if (reason !== 'mean') {
      if (long) this.armedLong = false;
      else this.armedShort = false;
    }
    this.ctx.log('mean-reversion exit', { reason, close, mean, barsHeld: this.barsHeld });
    this.send(long ? 'sell' : 'buy', Math.abs(held));
  }

  private send(side: 'buy' | 'sell', quantity: number): void {
    this.pending = true;
    this.ctx.submitOrder({ symbol: this.config.symbol, side, type: 'market', quantity, timeInForce: 'gtc' });
  }

  private entryQuantity(price: number): number {
    if (this.config.quantity !== undefined) return this.config.quantity;
    if (this.config.percentOfEquity === undefined) return 1;
    const budget = (this.ctx.account().equity * this.config.percentOfEquity) / 100;
    const units = budget / price;
    return this.config.fractional ? units : Math.floor(units);
  }
}
