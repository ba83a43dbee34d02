import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import { annualizationOf, tradedSymbols, type MomentumConfig } from './config.js';
import { OrderDesk } from './order-desk.js';
import { CrossSection, type CrossSectionHost } from './cross-section.js';
import { unitsFor, volatilityScale } from './sizing.js';
import { SymbolSignals } from './symbol-signals.js';

/**
 * Trend following by time-series momentum (Moskowitz, Ooi & Pedersen 2012), with a moving-average trend filter,
 * an ADX strength gate, volatility-targeted sizing and an ATR trailing stop; optionally cross-sectional
 * (Jegadeesh & Titman 1993: rank the universe, hold the top N). Rules (README.md has the parameter table):
 * - Signal per symbol (SymbolSignals): momentum z-score of the lookback return with the latest `skip` bars left
 *   out; `score()` returns it (enhanced-momentum overrides it).
 * - Time-series mode, per symbol on its own bar: flat → long when score > entryThreshold, close > SMA and
 *   ADX >= adxThreshold, and no trailing-stop exit in the last `cooldownBars` bars (shorts mirrored when
 *   allowed); long → flat when score <= exitThreshold or close < SMA (ADX gates entries only). Size: the budget
 *   (percentOfEquity of equity / number of symbols) × min(targetVolatility / realized, maxVolatilityScale) at the
 *   close, re-sized every `rebalanceEvery` bars when off by more than `rebalanceBand`.
 * - Cross-sectional mode: once every symbol's bar of a timestamp is in (or when the next timestamp starts,
 *   if one is missing), every `rebalanceEvery` timestamps: rank the eligible symbols (their own time-series
 *   entry rule passes; a held one only needs score > exitThreshold and the trend) and hold the top N (bottom N
 *   short when allowed) weighted by `weighting`; everything else is closed.
 * - Every position carries a venue-held trailing stop at k × ATR (OrderDesk explains why).
 * Decisions use the bar's close and go out as market orders, so they fill by the engine's fill-timing rule
 * (next open by default). Per bar: O(1) work and no allocation (streams, rings, preallocated scratch);
 * ranking is O(symbols × topN) on rebalance timestamps only.
 */
export class MomentumStrategy extends Strategy {
  readonly name: string = 'momentum';
  protected readonly config: MomentumConfig;
  protected readonly symbols: readonly string[];
  protected readonly signals: readonly SymbolSignals[];
  protected readonly desk: OrderDesk;
  private readonly indexOf = new Map<string, number>();
  private readonly barsPerYear: number;
  private readonly crossSectional: boolean;
  private readonly crossSection: CrossSection;
  private readonly host: CrossSectionHost;
  private sectionTs = Number.NaN;
  private reported = 0;
  private sectionDone = true;
  private sections = 0;

  constructor(config: MomentumConfig) {
    super();
    this.config = config;
    this.symbols = tradedSymbols(config);
    this.symbols.forEach((symbol, i) => this.indexOf.set(symbol, i));
    this.signals = this.symbols.map((symbol, i) => new SymbolSignals(symbol, i, config));
    this.desk = new OrderDesk(this.symbols, () => this.ctx);
    this.barsPerYear = annualizationOf(config);
    this.crossSectional = config.mode === 'cross-sectional';
    this.crossSection = new CrossSection(config, this.symbols.length);
    this.host = {
      signals: this.signals,
      desk: this.desk,
      barsPerYear: this.barsPerYear,
      qualifies: (s, held) => this.qualifies(s, held),
      rankValue: (s) => this.rankValue(s),
      budget: () => (this.ctx.account().equity * (config.percentOfEquity ?? 100)) / 100,
    };
  }

  override onStart(context: StrategyContext): void {
    for (const symbol of this.symbols) context.subscribeBars(symbol, this.config.timeframe);
    context.log(`${this.name} started`, {
      mode: this.config.mode,
      symbols: this.symbols.length,
      lookback: this.config.lookback,
      skip: this.config.skip,
      allowShort: this.config.allowShort,
    });
  }

  override onBar(bar: BarView): void {
    const i = this.indexOf.get(bar.symbol);
    if (i === undefined) return;
    if (this.crossSectional && bar.tsEvent !== this.sectionTs) this.startSection(bar.tsEvent);
    const signals = this.signals[i] as SymbolSignals;
    const ready = signals.update(bar);
    this.onSignalsUpdated(signals, bar);
    if (ready && !this.crossSectional) this.decide(signals);
    if (this.config.atrMultiple > 0) {
      this.desk.syncStop(i, this.config.atrMultiple * signals.atr, this.config.stopUpdateThreshold);
    }
    if (this.crossSectional && ++this.reported === this.symbols.length) this.finishSection();
  }

  override onOrderFilled(event: OrderFilled): void {
    const outcome = this.desk.onFilled(event, (i) => (this.signals[i] as SymbolSignals).bars);
    if (outcome === 'stop')
      this.ctx.log('trailing stop exit', { orderId: event.orderId, price: event.fill.price });
  }

  override onOrderCanceled(event: OrderCanceled): void {
    this.desk.onEnded(event);
  }

  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.desk.onEnded(event);
    this.ctx.log('order refused', {
      orderId: event.orderId,
      type: event.type,
      reason: event.type === 'OrderDenied' ? `${event.rule}: ${event.message}` : event.reason,
    });
  }

  /** The signal entries and exits compare with the thresholds: the momentum z-score here. */
  protected score(signals: SymbolSignals): number {
    return signals.momentumZ;
  }

  /** What cross-sectional mode ranks by (larger is better). */
  protected rankValue(signals: SymbolSignals): number {
    return this.config.rankBy === 'return' ? signals.momentumReturn : signals.momentumZ;
  }

  /** An extra veto on entries (enhanced-momentum: the news filter); momentum has none. */
  protected entryAllowed(_signals: SymbolSignals, _direction: 1 | -1): boolean {
    return true;
  }

  /** Called after each bar updated a symbol's signals (ready or not). */
  protected onSignalsUpdated(_signals: SymbolSignals, _bar: BarView): void {}

  /** Direction a flat symbol may enter now (1, -1) or 0. Cooldown, ADX, score, trend and the entry veto. */
  private entryDirection(s: SymbolSignals): 1 | -1 | 0 {
    const c = this.config;
    if (s.bars - (this.desk.stoppedAtBar[s.index] as number) <= c.cooldownBars) return 0;
    if (c.adxThreshold > 0 && !(s.adx >= c.adxThreshold)) return 0;
    const score = this.score(s);
    if (score > c.entryThreshold && s.trendAllows(1) && this.entryAllowed(s, 1)) return 1;
    if (c.allowShort && score < -c.entryThreshold && s.trendAllows(-1) && this.entryAllowed(s, -1)) return -1;
    return 0;
  }

  /** Whether a held position of `direction` still qualifies: score beyond the exit threshold and the trend. */
  private stillQualifies(s: SymbolSignals, direction: 1 | -1): boolean {
    if (!s.trendAllows(direction)) return false;
    const score = this.score(s);
    return direction === 1 ? score > this.config.exitThreshold : score < -this.config.exitThreshold;
  }

  /** The book a symbol belongs to for cross-sectional ranking: held ones while they still qualify, flat ones on entry. */
  private qualifies(s: SymbolSignals, held: number): 1 | -1 | 0 {
    if (held > 0) return this.stillQualifies(s, 1) ? 1 : 0;
    if (held < 0) return this.stillQualifies(s, -1) ? -1 : 0;
    return this.entryDirection(s);
  }

  /** Time-series rule for one symbol on its bar. */
  private decide(s: SymbolSignals): void {
    const i = s.index;
    if (this.desk.isPending(i)) return;
    const held = this.desk.held(i);
    if (held === 0) {
      const direction = this.entryDirection(s);
      if (direction !== 0) this.desk.trade(i, direction * this.timeSeriesUnits(s));
      return;
    }
    const direction = held > 0 ? 1 : -1;
    if (!this.stillQualifies(s, direction)) {
      this.desk.exit(i);
    } else if (this.config.quantity === undefined && s.bars % this.config.rebalanceEvery === 0) {
      this.resize(i, held, direction * this.timeSeriesUnits(s));
    }
  }

  /** Units for a time-series position: the symbol's budget scaled to the target volatility (or `quantity`). */
  private timeSeriesUnits(s: SymbolSignals): number {
    const c = this.config;
    if (c.quantity !== undefined) return c.quantity;
    const budget = this.host.budget() / this.symbols.length;
    const scale = volatilityScale(
      c.targetVolatility,
      s.annualVolatility(this.barsPerYear),
      c.maxVolatilityScale,
    );
    return unitsFor(budget * scale, s.close, c.fractional);
  }

  /** Trades toward `target` (signed units) when it differs from `held` by more than the band. */
  private resize(i: number, held: number, target: number): void {
    if (Math.abs(target - held) > this.config.rebalanceBand * Math.abs(held))
      this.desk.trade(i, target - held);
  }

  private startSection(ts: number): void {
    // A timestamp some symbol had no bar for is ranked when the next one starts, with what arrived.
    if (!this.sectionDone && this.reported > 0) this.finishSection();
    this.sectionTs = ts;
    this.reported = 0;
    this.sectionDone = false;
  }

  /** All bars of the timestamp are in: every `rebalanceEvery` timestamps, rank and trade toward the targets. */
  private finishSection(): void {
    this.sectionDone = true;
    if (this.sections++ % this.config.rebalanceEvery === 0) this.crossSection.rebalance(this.host);
  }
}
