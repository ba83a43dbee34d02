import type { Order } from '../../model/order.types.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface OrderRateConfig {
  readonly maxOrders: number;
  readonly windowMs: number;
}

/**
 * At most `maxOrders` accepted orders in any rolling window (now − windowMs, now], now = view.now(). Orders
 * are counted when the engine accepts them (`accepted`), so a denied order does not use up the budget.
 * Kept as a ring of the last maxOrders acceptance times: the order is denied when the ring is full and its
 * oldest time is still inside the window (O(1), no allocation). Exposure-reducing orders pass (a runaway
 * loop must not stop an exit) but are counted.
 */
export class OrderRateRule implements PreTradeRule {
  readonly name = 'order-rate';
  private readonly times: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(private readonly config: OrderRateConfig) {
    this.times = new Float64Array(config.maxOrders);
  }

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    if (context.impact.reducesExposure || this.filled < this.config.maxOrders) return ALLOWED;
    const now = view.now();
    const oldest = this.times[this.next] as number;
    if (oldest <= now - this.config.windowMs) return ALLOWED;
    return deny(
      this.name,
      `${this.config.maxOrders} orders accepted in the last ${formatNumber(this.config.windowMs)} ms already ` +
        `(max ${this.config.maxOrders}); next allowed at ${formatNumber(oldest + this.config.windowMs)}`,
      { maxOrders: this.config.maxOrders, windowMs: this.config.windowMs, now, oldestInWindow: oldest },
    );
  }

  accepted(_order: Order, view: RiskView): void {
    this.times[this.next] = view.now();
    this.next = (this.next + 1) % this.config.maxOrders;
    if (this.filled < this.config.maxOrders) this.filled++;
  }
}
