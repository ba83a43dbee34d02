import type { OrderCanceled, OrderDenied, OrderFilled, OrderRejected } from '../model/events.types.js';
import type { BarLike } from '../indicators/indicator-support.js';
import type { StrategyContext } from './strategy-context.js';

/** The bar a strategy receives: a reused, read-only view (copy what you keep). */
export interface BarView extends BarLike {
  readonly symbol: string;
  readonly tsEvent: number;
}

/**
 * Base class of every strategy. Handlers default to doing nothing; a strategy overrides those it needs. The
 * engine calls `onStart` once with the context, then the data and order handlers in time order, then
 * `onStop`. Handlers must not block: anything slow belongs outside the strategy.
 */
export abstract class Strategy {
  /** Unique name of the strategy kind (registry key), e.g. `sma-cross`. */
  abstract readonly name: string;
  private context: StrategyContext | null = null;

  /** The context, available from onStart on. */
  protected get ctx(): StrategyContext {
    if (this.context === null) throw new Error(`strategy ${this.name} used its context before onStart`);
    return this.context;
  }

  /** Called by the engine; strategies override onStart, not this. */
  start(context: StrategyContext): void {
    this.context = context;
    this.onStart(context);
  }

  onStart(_context: StrategyContext): void {}
  onBar(_bar: BarView): void {}
  onOrderFilled(_event: OrderFilled): void {}
  onOrderCanceled(_event: OrderCanceled): void {}
  onOrderRejected(_event: OrderRejected | OrderDenied): void {}
  onStop(): void {}
}
