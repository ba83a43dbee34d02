import { RingWindow } from '../../indicators/window-support.js';
import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import { ActivePair, type SpreadDirection } from './active-pair.js';
import type { PairsConfig } from './config.js';
import { PairOrders } from './pair-orders.js';
import { selectPairs, testPair } from './pair-selection.js';
import { warmSpreadModel } from './spread-model.js';

/** A pair as reported by `pairs()` (a copy: safe to keep). */
export interface PairSnapshot {
  readonly y: string;
  readonly x: string;
  readonly pValue: number;
  readonly halfLife: number;
  readonly formationHedgeRatio: number;
  readonly hedgeRatio: number;
  readonly zScore: number | null;
  readonly direction: SpreadDirection;
  readonly heldY: number;
  readonly heldX: number;
  readonly retiring: boolean;
}

/**
 * Market-neutral statistical arbitrage over a universe (rules and failure modes in README.md).
 *
 * Bars: each symbol's bar updates its latest close; once every symbol has its bar for a time (or the next
 * time begins, missing closes then carry forward) the step is complete: each symbol's (transformed) close goes
 * into its preallocated ring of `formationWindow` values, every active pair's spread model is updated (O(1)),
 * and its decision is taken. Per-bar work is O(symbols + pairs) and allocation-free.
 * Formation: `formationWindow` complete steps after warm-up, and every `retestEvery` steps after that, held
 * pairs are re-tested (Engle-Granger on the window; p > breakPValue retires the pair: it closes and frees its
 * symbols; otherwise its p-value, half-life and spread-model noise are refreshed) and free slots are filled by
 * `selectPairs`. Only these steps run the O(window) tests.
 * Orders (PairOrders): both legs are sent as market orders on the same bar, each pair aiming at signed `target`
 * units per leg and counting its own fills. A pair sends nothing while one of its orders works, except that a
 * change of decision cancels the working orders first. A partial fill leaves the remainder working (the hedge
 * is uneven until it fills); failed legs are handled as PairOrders describes.
 */
export class PairsStrategy extends Strategy {
  readonly name = 'pairs';
  private readonly symbols: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly histories: RingWindow[];
  private readonly windows: Float64Array[];
  private readonly latest: Float64Array;
  private readonly closes: Float64Array;
  private readonly received: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly logPrices: boolean;
  private receivedCount = 0;
  private seenCount = 0;
  private currentTs = Number.NaN;
  private steps = 0;
  private readonly active: ActivePair[] = [];
  private readonly orders: PairOrders;

  constructor(private readonly config: PairsConfig) {
    super();
    this.symbols = config.symbols;
    const n = this.symbols.length;
    this.symbols.forEach((symbol, i) => this.index.set(symbol, i));
    this.histories = this.symbols.map(() => new RingWindow(config.formationWindow));
    this.windows = this.symbols.map(() => new Float64Array(config.formationWindow));
    this.latest = new Float64Array(n);
    this.closes = new Float64Array(n);
    this.received = new Uint8Array(n);
    this.seen = new Uint8Array(n);
    this.logPrices = config.priceTransform === 'log';
    this.orders = new PairOrders(
      this.symbols,
      () => this.ctx,
      (message, pair, extra) => this.log(message, pair, extra),
    );
  }

  /** The pairs held or being closed now, with their statistics and positions. */
  pairs(): PairSnapshot[] {
    return this.active.map((pair) => ({
      y: this.symbols[pair.yIndex] as string,
      x: this.symbols[pair.xIndex] as string,
      pValue: pair.pValue,
      halfLife: pair.halfLife,
      formationHedgeRatio: pair.formationHedgeRatio,
      hedgeRatio: pair.model.hedgeRatio,
      zScore: pair.zScore,
      direction: pair.direction,
      heldY: pair.held[0] as number,
      heldX: pair.held[1] as number,
      retiring: pair.retiring,
    }));
  }

  override onStart(context: StrategyContext): void {
    for (const symbol of this.symbols) context.subscribeBars(symbol, this.config.timeframe);
  }

  override onBar(bar: BarView): void {
    const i = this.index.get(bar.symbol);
    if (i === undefined) return;
    if (bar.tsEvent !== this.currentTs) {
      if (this.receivedCount > 0) this.completeStep();
      this.currentTs = bar.tsEvent;
    }
    this.closes[i] = bar.close;
    this.latest[i] = this.logPrices ? Math.log(bar.close) : bar.close;
    if (this.received[i] === 0) {
      this.received[i] = 1;
      this.receivedCount++;
      if (this.seen[i] === 0) {
        this.seen[i] = 1;
        this.seenCount++;
      }
    }
    if (this.receivedCount === this.symbols.length) this.completeStep();
  }

  override onOrderFilled(event: OrderFilled): void {
    this.orders.onFilled(event);
  }

  override onOrderCanceled(event: OrderCanceled): void {
    this.orders.onFailed(event);
  }

  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.orders.onFailed(event);
  }

  private completeStep(): void {
    this.received.fill(0);
    this.receivedCount = 0;
    if (this.seenCount < this.symbols.length) return;
    for (let s = 0; s < this.symbols.length; s++)
      (this.histories[s] as RingWindow).push(this.latest[s] as number);
    this.steps++;
    for (const pair of this.active) {
      pair.zScore = pair.model.update(this.latest[pair.yIndex] as number, this.latest[pair.xIndex] as number);
    }
    const window = this.config.formationWindow;
    if (this.steps >= window && (this.steps - window) % this.config.retestEvery === 0) this.form();
    let kept = 0;
    for (const pair of this.active) {
      this.trade(pair);
      if (pair.retiring && pair.isIdle) this.log('pairs retired', pair);
      else this.active[kept++] = pair;
    }
    this.active.length = kept;
  }

  /** Re-tests the held pairs and selects new ones on the formation window (the only O(window) work). */
  private form(): void {
    const n = this.config.formationWindow;
    for (let s = 0; s < this.symbols.length; s++) {
      const ring = this.histories[s] as RingWindow;
      const window = this.windows[s] as Float64Array;
      for (let age = n - 1; age >= 0; age--) window[n - 1 - age] = ring.ago(age);
    }
    const free = new Uint8Array(this.symbols.length).fill(1);
    let held = 0;
    for (const pair of this.active) {
      free[pair.yIndex] = 0;
      free[pair.xIndex] = 0;
      if (pair.retiring) continue;
      const test = testPair(this.windows, pair.yIndex, pair.xIndex, this.config.adfLags);
      if (test === null || test.pValue > this.config.breakPValue) {
        pair.retiring = true;
        this.log('pairs cointegration broke', pair, { pValue: test?.pValue ?? Number.NaN });
        continue;
      }
      held++;
      pair.pValue = test.pValue;
      if (test.halfLife > 0 && Number.isFinite(test.halfLife)) pair.halfLife = test.halfLife;
      pair.model.recalibrate(test.residualVariance, mean(this.windows[pair.xIndex] as Float64Array));
    }
    for (const test of selectPairs(this.windows, free, this.config.maxPairs - held, this.config)) {
      const y = this.windows[test.yIndex] as Float64Array;
      const x = this.windows[test.xIndex] as Float64Array;
      const { model, zScore } = warmSpreadModel(this.config, y, x, test.residualVariance);
      const pair = new ActivePair(test, model, zScore);
      this.active.push(pair);
      this.log('pairs selected', pair);
    }
  }

  private trade(pair: ActivePair): void {
    const desired = pair.decide(this.config);
    if (desired !== pair.direction) {
      if (desired === 0) {
        pair.target.fill(0);
        this.log('pairs exit', pair, { reason: pair.exitReason });
        this.changeDirection(pair, 0);
      } else if (this.size(pair, desired)) {
        pair.barsInTrade = 0;
        this.log('pairs entry', pair, { direction: desired });
        this.changeDirection(pair, desired);
      }
    }
    if (pair.direction !== 0) pair.barsInTrade++;
    if (!pair.hasWorkingOrders) this.orders.reconcile(pair);
  }

  private changeDirection(pair: ActivePair, direction: SpreadDirection): void {
    pair.direction = direction;
    this.orders.cancelWorking(pair);
  }

  /**
   * Sets the entry targets. Gross notional G = pairNotionalPercent % of equity. `dollar-neutral`: G/2 per leg.
   * `hedge-ratio`: with log prices notional y : x = 1 : β (a spread log y − β log x moves with those dollar
   * weights); with prices units y : x = 1 : β. Whole units unless `fractional`; false when a leg rounds to 0.
   */
  private size(pair: ActivePair, direction: SpreadDirection): boolean {
    const gross = (this.ctx.account().equity * this.config.pairNotionalPercent) / 100;
    const priceY = this.closes[pair.yIndex] as number;
    const priceX = this.closes[pair.xIndex] as number;
    const beta = pair.model.hedgeRatio;
    let unitsY: number;
    let unitsX: number;
    if (this.config.legSizing === 'dollar-neutral') {
      unitsY = gross / 2 / priceY;
      unitsX = gross / 2 / priceX;
    } else if (this.logPrices) {
      unitsY = gross / (1 + beta) / priceY;
      unitsX = (gross * beta) / (1 + beta) / priceX;
    } else {
      unitsY = gross / (priceY + beta * priceX);
      unitsX = beta * unitsY;
    }
    if (!this.config.fractional) {
      unitsY = Math.floor(unitsY);
      unitsX = Math.floor(unitsX);
    }
    if (!(unitsY > 0 && unitsX > 0)) return false;
    pair.target[0] = direction * unitsY;
    pair.target[1] = -direction * unitsX;
    return true;
  }

  private log(message: string, pair: ActivePair, extra: Readonly<Record<string, unknown>> = {}): void {
    this.ctx.log(message, {
      y: this.symbols[pair.yIndex],
      x: this.symbols[pair.xIndex],
      zScore: pair.zScore,
      hedgeRatio: pair.model.hedgeRatio,
      pValue: pair.pValue,
      halfLife: pair.halfLife,
      ...extra,
    });
  }
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}
