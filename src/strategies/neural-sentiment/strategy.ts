import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../../model/events.types.js';
import type { SentimentSource } from '../../model/sentiment.types.js';
import { checkReading } from '../port-inputs.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import type { NeuralSentimentConfig } from './config.js';
import { SentimentSignal } from './sentiment-signal.js';

/** Why a position was closed. */
export type NeuralSentimentExit = 'reversal' | 'stop-loss' | 'time-stop';

/**
 * Trades news sentiment shocks and trends per symbol (README.md). On each bar of a symbol it asks the
 * SentimentSource for the reading as of the engine clock (the bar's close), so only articles published by
 * then count, and the port's contract is checked (a reading dated after the clock throws). The reading
 * updates the symbol's SentimentSignal; a signal is traded when no order is working and the position is flat:
 * - it must be a shock or a trend in a tradeable direction (short only with `allowShort`), with confidence
 *   at least `minConfidence`, confirmed by the price when `confirmation` is `return` (the close-to-close
 *   return over `confirmBars` bars has the signal's sign);
 * - size: `positionPercent` x confidence percent of equity at the close (whole units unless `fractional`).
 * A held position is closed, first match wins, on a `reversal` (the signal points the other way), a
 * `stop-loss` (close `stopLossPercent` against the average entry price) or a `time-stop` (`holdingBars`
 * bars). Market orders fill by the engine's fill timing (next open by default). Per bar: O(1), no allocation.
 */
export class NeuralSentimentStrategy extends Strategy {
  readonly name = 'neural-sentiment';
  private readonly index = new Map<string, number>();
  private readonly signals: SentimentSignal[];
  /** Per symbol: the last confirmBars + 1 closes (ring), bars seen, bars held, whether an order works. */
  private readonly closes: Float64Array;
  private readonly seen: Float64Array;
  private readonly held: Float64Array;
  private readonly working: Uint8Array;
  private readonly orderSymbol = new Map<string, number>();

  constructor(
    private readonly config: NeuralSentimentConfig,
    private readonly sentiment: SentimentSource,
  ) {
    super();
    const n = config.symbols.length;
    config.symbols.forEach((symbol, i) => this.index.set(symbol, i));
    this.signals = config.symbols.map(
      () =>
        new SentimentSignal(
          config.fastPeriod,
          config.slowPeriod,
          config.shockThreshold,
          config.trendThreshold,
        ),
    );
    this.closes = new Float64Array(n * (config.confirmBars + 1));
    this.seen = new Float64Array(n);
    this.held = new Float64Array(n);
    this.working = new Uint8Array(n);
  }

  /** The signal state of a symbol (for status reports and tests). */
  signalOf(symbol: string): SentimentSignal | null {
    const i = this.index.get(symbol);
    return i === undefined ? null : (this.signals[i] as SentimentSignal);
  }

  override onStart(context: StrategyContext): void {
    for (const symbol of this.config.symbols) context.subscribeBars(symbol, this.config.timeframe);
  }

  override onBar(bar: BarView): void {
    const i = this.index.get(bar.symbol);
    if (i === undefined) return;
    const now = this.ctx.clock.now();
    const found = this.sentiment.sentimentAt(bar.symbol, now);
    const reading = found === null ? null : checkReading(found, this.sentiment.name, now);
    const signal = this.signals[i] as SentimentSignal;
    signal.update(reading);
    const window = this.config.confirmBars + 1;
    const seen = this.seen[i] as number;
    this.closes[i * window + (seen % window)] = bar.close;
    this.seen[i] = seen + 1;
    if (this.working[i] === 1) return;
    const quantity = this.ctx.position(bar.symbol)?.quantity ?? 0;
    if (quantity !== 0) {
      this.manage(i, bar, quantity, signal);
      return;
    }
    this.held[i] = 0;
    const direction = signal.direction;
    if (direction === 0 || (direction < 0 && !this.config.allowShort)) return;
    if (signal.confidence < this.config.minConfidence || !this.confirmed(i, direction)) return;
    const size = this.entryQuantity(bar.close, signal.confidence);
    if (!(size > 0)) return;
    this.ctx.log('neural-sentiment entry', {
      symbol: bar.symbol,
      kind: signal.kind,
      direction,
      score: signal.score,
      confidence: signal.confidence,
    });
    this.send(i, direction > 0 ? 'buy' : 'sell', size);
  }

  override onOrderFilled(event: OrderFilled): void {
    this.settle(event.orderId);
  }

  override onOrderCanceled(event: OrderCanceled): void {
    this.settle(event.orderId);
  }

  override onOrderRejected(event: OrderRejected | OrderDenied): void {
    this.settle(event.orderId);
  }

  /** True when the close-to-close return over confirmBars bars has the sign of `direction`. */
  private confirmed(i: number, direction: number): boolean {
    if (this.config.confirmation === 'none') return true;
    const window = this.config.confirmBars + 1;
    const seen = this.seen[i] as number;
    if (seen < window) return false;
    const latest = this.closes[i * window + ((seen - 1) % window)] as number;
    const earlier = this.closes[i * window + (seen % window)] as number;
    return Math.sign(latest - earlier) === direction;
  }

  private manage(i: number, bar: BarView, quantity: number, signal: SentimentSignal): void {
    const held = (this.held[i] as number) + 1;
    this.held[i] = held;
    const long = quantity > 0;
    const entry = this.ctx.position(bar.symbol)?.averagePrice ?? bar.close;
    const stop = this.config.stopLossPercent / 100;
    let reason: NeuralSentimentExit | null = null;
    if (signal.direction === (long ? -1 : 1)) reason = 'reversal';
    else if (long ? bar.close <= entry * (1 - stop) : bar.close >= entry * (1 + stop)) reason = 'stop-loss';
    else if (held >= this.config.holdingBars) reason = 'time-stop';
    if (reason === null) return;
    this.ctx.log('neural-sentiment exit', { symbol: bar.symbol, reason, close: bar.close, barsHeld: held });
    this.send(i, long ? 'sell' : 'buy', Math.abs(quantity));
  }

  private entryQuantity(price: number, confidence: number): number {
    const budget = (this.ctx.account().equity * this.config.positionPercent * confidence) / 100;
    const units = budget / price;
    return this.config.fractional ? units : Math.floor(units);
  }

  private send(i: number, side: 'buy' | 'sell', quantity: number): void {
    this.working[i] = 1;
    const order = this.ctx.submitOrder({
      symbol: this.config.symbols[i] as string,
      side,
      type: 'market',
      quantity,
      timeInForce: 'gtc',
    });
    this.orderSymbol.set(order.id, i);
  }

  private settle(orderId: string): void {
    const i = this.orderSymbol.get(orderId);
    if (i === undefined) return;
    if (this.ctx.openOrders(this.config.symbols[i]).length > 0) return;
    this.orderSymbol.delete(orderId);
    this.working[i] = 0;
  }
}
