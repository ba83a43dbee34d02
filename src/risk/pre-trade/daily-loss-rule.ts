import type { Order } from '../../model/order.types.js';
import type { DailyLossMeasure, EquityTracker } from '../state/equity-tracker.js';
import { buildCheckContext } from './check-context.js';
import { ALLOWED, deny, formatNumber, formatPercent } from './rule-decision.js';
import type { CheckContext, PreTradeRule, RuleDecision, RuleDenial } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface DailyLossConfig {
  readonly maxLossFraction?: number | undefined;
  readonly maxLossAmount?: number | undefined;
}

/**
 * Daily loss limit: loss = startOfDayEquity − equity (UTC day, see EquityTracker). Breached when
 * loss > maxLossAmount or loss / startOfDayEquity > maxLossFraction. While breached, orders that add exposure
 * are denied; exposure-reducing orders always pass (a stop-loss exit is never blocked). The same test drives
 * the trading-state transition in `RiskEngine.observe`.
 */
export class DailyLossRule implements PreTradeRule {
  readonly name = 'daily-loss';

  constructor(
    private readonly config: DailyLossConfig,
    private readonly tracker: EquityTracker,
  ) {}

  check(order: Order, view: RiskView, context: CheckContext = buildCheckContext(order, view)): RuleDecision {
    if (context.impact.reducesExposure) return ALLOWED;
    const breach = this.breach(context.snapshot.equity, view.now());
    return breach ?? ALLOWED;
  }

  /** The breach at this equity and time, or null within limits. */
  breach(equity: number, now: number): RuleDenial | null {
    return dailyLossBreach(this.config, this.tracker.dailyLoss(equity, now), equity);
  }
}

export function dailyLossBreach(
  config: DailyLossConfig,
  measure: DailyLossMeasure,
  equity: number,
): RuleDenial | null {
  const { loss, lossFraction, startOfDayEquity } = measure;
  const values = { loss, lossFraction, startOfDayEquity, equity };
  if (config.maxLossAmount !== undefined && loss > config.maxLossAmount) {
    return deny(
      'daily-loss',
      `daily loss ${formatNumber(loss)} exceeds max ${formatNumber(config.maxLossAmount)} ` +
        `(start-of-day equity ${formatNumber(startOfDayEquity)}, equity ${formatNumber(equity)})`,
      { ...values, maxLossAmount: config.maxLossAmount },
    );
  }
  if (config.maxLossFraction !== undefined && lossFraction > config.maxLossFraction) {
    return deny(
      'daily-loss',
      `daily loss ${formatPercent(lossFraction)} (${formatNumber(loss)}) exceeds max ${formatPercent(config.maxLossFraction)} ` +
        `of start-of-day equity ${formatNumber(startOfDayEquity)}`,
      { ...values, maxLossFraction: config.maxLossFraction },
    );
  }
  return null;
}
