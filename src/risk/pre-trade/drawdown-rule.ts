import type { Order } from '../../model/order.types.js';
import type { EquityTracker } from '../state/equity-tracker.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber, formatPercent } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision, RuleDenial } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

/**
 * Max drawdown limit: drawdown = (peak − equity) / peak, peak the highest equity observed (EquityTracker,
 * including the equity now). Breached when drawdown > maxDrawdown; while breached, orders that add exposure
 * are denied and exposure-reducing orders pass. The same test drives the state transition in `observe`.
 */
export class DrawdownRule implements PreTradeRule {
  readonly name = 'max-drawdown';

  constructor(
    private readonly config: { readonly maxDrawdown: number },
    private readonly tracker: EquityTracker,
  ) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    if (context.impact.reducesExposure) return ALLOWED;
    return this.breach(context.snapshot.equity) ?? ALLOWED;
  }

  /** The breach at this equity, or null within the limit. */
  breach(equity: number): RuleDenial | null {
    const { peakEquity, drawdown } = this.tracker.drawdown(equity);
    if (!(drawdown > this.config.maxDrawdown)) return null;
    return deny(
      this.name,
      `drawdown ${formatPercent(drawdown)} exceeds max ${formatPercent(this.config.maxDrawdown)} ` +
        `(peak equity ${formatNumber(peakEquity)}, equity ${formatNumber(equity)})`,
      { drawdown, maxDrawdown: this.config.maxDrawdown, peakEquity, equity },
    );
  }
}
