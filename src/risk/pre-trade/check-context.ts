import type { Order } from '../../model/order.types.js';
import { computeOrderImpact } from './order-impact.js';
import { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { CheckContext, OrderPurpose } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

/**
 * The context of one check: the snapshot brought up to date with the view and the order's impact. The risk
 * engine keeps one snapshot for all checks (it rebuilds only when the portfolio moved); a rule checked on its
 * own gets a fresh one.
 */
export function buildCheckContext(
  order: Order,
  view: RiskView,
  purpose: OrderPurpose = 'strategy',
  snapshot: PortfolioSnapshot = new PortfolioSnapshot(),
): CheckContext {
  snapshot.refresh(view);
  return { purpose, snapshot, impact: computeOrderImpact(order, view, snapshot) };
}
