import type { MomentumConfig } from './config.js';
import type { OrderDesk } from './order-desk.js';
import { selectTop } from './ranking.js';
import { crossSectionalWeights, unitsFor } from './sizing.js';
import type { SymbolSignals } from './symbol-signals.js';

/** What a cross-sectional rebalance needs from its strategy. */
export interface CrossSectionHost {
  readonly signals: readonly SymbolSignals[];
  readonly desk: OrderDesk;
  /** The book a symbol qualifies for now (1 long, -1 short, 0 neither), given its signed position. */
  qualifies(signals: SymbolSignals, held: number): 1 | -1 | 0;
  /** Larger ranks better for the long book (the short book takes the smallest). */
  rankValue(signals: SymbolSignals): number;
  /** Notional the strategy allocates (percent of equity). */
  budget(): number;
  readonly barsPerYear: number;
}

/**
 * One cross-sectional rebalance, with scratch arrays allocated once:
 * 1. each ready symbol without a working order is ranked by `rankValue` if it qualifies for a book;
 * 2. the top N of the long book (and the bottom N of the short book) get weights (`crossSectionalWeights`),
 *    everyone else a target of 0; target units = weight × budget / close (or `quantity`);
 * 3. a position off its target by more than `rebalanceBand` (or entering, leaving or reversing) is traded,
 *    reductions first so cash is freed before it is spent; additions are trimmed pro rata when positions kept
 *    inside the band already use part of the gross exposure the targets add up to, so a rebalance never plans
 *    more gross exposure than its targets.
 */
export class CrossSection {
  private readonly values: Float64Array;
  private readonly volatilities: Float64Array;
  private readonly weights: Float64Array;
  private readonly targets: Float64Array;
  private readonly longBook: Uint8Array;
  private readonly shortBook: Uint8Array;
  private readonly taken: Uint8Array;
  private readonly selected: Int32Array;

  constructor(
    private readonly config: MomentumConfig,
    size: number,
  ) {
    this.values = new Float64Array(size);
    this.volatilities = new Float64Array(size);
    this.weights = new Float64Array(size);
    this.targets = new Float64Array(size);
    this.longBook = new Uint8Array(size);
    this.shortBook = new Uint8Array(size);
    this.taken = new Uint8Array(size);
    this.selected = new Int32Array(size);
  }

  rebalance(host: CrossSectionHost): void {
    this.rank(host);
    const { desk, signals } = host;
    const n = signals.length;
    const fixed = this.config.quantity !== undefined;
    let cap = 0;
    let kept = 0;
    let added = 0;
    for (let i = 0; i < n; i++) {
      const close = (signals[i] as SymbolSignals).close;
      const held = desk.held(i);
      const target = desk.isPending(i) ? held : (this.targets[i] as number);
      this.targets[i] = target;
      cap += Math.abs(target) * close;
      const action = this.action(held, target);
      // After the trades: kept positions stay, reduced (or reversed) ones hold |target|, added ones grow.
      if (action === 'add') {
        kept += Math.abs(held) * close;
        added += (Math.abs(target) - Math.abs(held)) * close;
      } else {
        kept += Math.abs(action === 'keep' ? held : target) * close;
      }
    }
    const trim = fixed || added <= 0 ? 1 : Math.min(1, Math.max(0, (cap - kept) / added));
    for (let i = 0; i < n; i++) {
      if (desk.isPending(i)) continue;
      const held = desk.held(i);
      if (this.action(held, this.targets[i] as number) === 'reduce')
        desk.trade(i, (this.targets[i] as number) - held);
    }
    for (let i = 0; i < n; i++) {
      if (desk.isPending(i)) continue;
      const held = desk.held(i);
      const target = this.targets[i] as number;
      if (this.action(held, target) !== 'add') continue;
      const change = Math.abs(target) - Math.abs(held);
      const units = trim === 1 ? change : unitsFor(change * trim, 1, this.config.fractional);
      desk.trade(i, Math.sign(target) * units);
    }
  }

  /**
   * What moving from `held` to `target` is: 'reduce' (exit, reversal, or a cut beyond the band), 'add' (entry
   * or an increase beyond the band), or 'keep'. With a fixed `quantity` there is no re-sizing.
   */
  private action(held: number, target: number): 'reduce' | 'add' | 'keep' {
    if (target === held) return 'keep';
    if (held === 0) return 'add';
    if (target === 0 || Math.sign(target) !== Math.sign(held)) return 'reduce';
    if (this.config.quantity !== undefined) return 'keep';
    if (Math.abs(target - held) <= this.config.rebalanceBand * Math.abs(held)) return 'keep';
    return Math.abs(target) < Math.abs(held) ? 'reduce' : 'add';
  }

  /** Fills `targets` with the signed target units of every symbol. */
  private rank(host: CrossSectionHost): void {
    const c = this.config;
    const n = host.signals.length;
    for (let i = 0; i < n; i++) {
      const s = host.signals[i] as SymbolSignals;
      const book = s.ready && !host.desk.isPending(i) ? host.qualifies(s, host.desk.held(i)) : 0;
      this.longBook[i] = book === 1 ? 1 : 0;
      this.shortBook[i] = book === -1 ? 1 : 0;
      this.values[i] = book === 0 ? Number.NaN : host.rankValue(s);
      this.volatilities[i] = s.annualVolatility(host.barsPerYear);
    }
    this.weights.fill(0);
    this.targets.fill(0);
    const inputs = {
      weighting: c.weighting,
      slots: c.topN,
      sides: c.allowShort ? 2 : 1,
      targetVolatility: c.targetVolatility,
      maxVolatilityScale: c.maxVolatilityScale,
    };
    const longs = selectTop(this.values, this.longBook, c.topN, 1, this.selected, this.taken);
    crossSectionalWeights(this.selected, longs, this.volatilities, inputs, this.weights);
    for (let k = 0; k < longs; k++) this.targets[this.selected[k] as number] = 1;
    if (c.allowShort) {
      const shorts = selectTop(this.values, this.shortBook, c.topN, -1, this.selected, this.taken);
      crossSectionalWeights(this.selected, shorts, this.volatilities, inputs, this.weights);
      for (let k = 0; k < shorts; k++) this.targets[this.selected[k] as number] = -1;
    }
    const budget = c.quantity === undefined ? host.budget() : 0;
    for (let i = 0; i < n; i++) {
      const direction = this.targets[i] as number;
      if (direction === 0) continue;
      const close = (host.signals[i] as SymbolSignals).close;
      this.targets[i] =
        direction * (c.quantity ?? unitsFor(budget * (this.weights[i] as number), close, c.fractional));
    }
  }
}
