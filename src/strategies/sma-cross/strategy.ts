import { SmaStream } from '../../indicators/sma.js';
import type { StrategyContext } from '../strategy-context.js';
import { Strategy, type BarView } from '../strategy.js';
import type { SmaCrossConfig } from './config.js';

/**
 * Reference trend strategy: long when the fast SMA of the close is above the slow SMA, flat otherwise. It
 * decides on a bar's close and sends a market order; when it fills is the engine's fill-timing rule (next
 * open by default). Without a sizing rule it buys 1 unit.
 */
export class SmaCrossStrategy extends Strategy {
  readonly name = 'sma-cross';
  private readonly fast: SmaStream;
  private readonly slow: SmaStream;
  private pending = false;

  constructor(private readonly config: SmaCrossConfig) {
    super();
    this.fast = new SmaStream(config.fast);
    this.slow = new SmaStream(config.slow);
  }

  override onStart(context: StrategyContext): void {
    context.subscribeBars(this.config.symbol, this.config.timeframe);
  }

  override onBar(bar: BarView): void {
    if (bar.symbol !== this.config.symbol) return;
    const fast = this.fast.update(bar.close);
    const slow = this.slow.update(bar.close);
    if (fast === null || slow === null || this.pending) return;
    const held = this.ctx.position(this.config.symbol)?.quantity ?? 0;
    if (fast > slow && held === 0) {
      const quantity = this.entryQuantity(bar.close);
      if (quantity > 0) this.send('buy', quantity);
    } else if (fast <= slow && held > 0) {
      this.send('sell', held);
    }
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
