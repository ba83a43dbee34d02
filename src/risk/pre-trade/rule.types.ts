import type { InstrumentId } from '../../core/ids.js';
import type { Order } from '../../model/order.types.js';
import type { OrderImpact } from './order-impact.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { RiskView } from './risk-view.types.js';

/** Numbers (and a few labels) behind a decision, for the audit log and the OrderDenied message. */
export type RuleValues = Readonly<Record<string, number | string>>;

export interface RuleAllowed {
  readonly allowed: true;
}

/** A refusal: which rule, a message that quotes the numbers, and the numbers themselves. */
export interface RuleDenial {
  readonly allowed: false;
  readonly rule: string;
  readonly message: string;
  readonly values: RuleValues;
}

export type RuleDecision = RuleAllowed | RuleDenial;

/**
 * Why an order is checked: a strategy's (or a user's) order; an order the monitor generated to bring
 * positions back within limits; an order of the kill switch's flatten plan (it bypasses the halted gate and
 * every rule, but must still reduce the position it closes).
 */
export type OrderPurpose = 'strategy' | 'auto-reduce' | 'kill-switch';

/** What every rule needs about the order and the portfolio, computed once per check by the engine. */
export interface CheckContext {
  readonly purpose: OrderPurpose;
  readonly snapshot: PortfolioSnapshot;
  readonly impact: OrderImpact;
}

/**
 * One pre-trade rule: small, configured at construction, deterministic given the view (the order-rate rule
 * also remembers the orders it accepted). `check` never throws for an order it refuses: it returns a denial.
 * Without a context it computes one (tests, one-off checks); the engine passes the shared one.
 */
export interface PreTradeRule {
  readonly name: string;
  check(order: Order, view: RiskView, context?: CheckContext): RuleDecision;
  /** Called by the engine when every rule allowed the order (the order-rate rule counts it). */
  accepted?(order: Order, view: RiskView): void;
}

/**
 * A limit found breached by monitoring (market moves, not an order). `key` identifies the breach (rule plus
 * instrument or sector) so a breach that persists is reported once, when it starts.
 */
export interface RiskViolation {
  readonly rule: string;
  readonly key: string;
  readonly message: string;
  readonly values: RuleValues;
  readonly instrumentId: InstrumentId | null;
}
