import type { ClientOrderId, InstrumentId, OrderId, StrategyId } from '../core/ids.js';
import type { OrderSide } from '../model/order.types.js';
import type { OrderPurpose, RuleValues } from './pre-trade/rule.types.js';
import type { FlattenOrder } from './state/kill-switch.js';
import type { TradingState, TransitionCause } from './state/trading-state.js';

/**
 * The risk audit log: every denial, trading-state transition, kill switch and limit violation, in the order
 * they happened. `ts` is epoch ms of the engine clock (view.now() or the ts given to observe / resume).
 * Entries are plain data (JSON-safe but for non-finite numbers, which the store keeps as strings).
 */
export const RISK_AUDIT_KINDS = ['denial', 'transition', 'kill-switch', 'violation'] as const;
export type RiskAuditKind = (typeof RISK_AUDIT_KINDS)[number];

/** An order the risk engine refused (also published as an OrderDenied event). */
export interface RiskDenialEntry {
  readonly kind: 'denial';
  readonly ts: number;
  readonly rule: string;
  readonly message: string;
  readonly values: RuleValues;
  readonly orderId: OrderId;
  readonly clientOrderId: ClientOrderId;
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId | null;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly purpose: OrderPurpose;
}

/** The trading state changed (a breach, the kill switch, or an operator's resume). */
export interface RiskTransitionEntry {
  readonly kind: 'transition';
  readonly ts: number;
  readonly from: TradingState;
  readonly to: TradingState;
  readonly cause: TransitionCause;
  readonly rule: string | null;
  readonly operator: string | null;
  readonly reason: string;
}

/** The operator's emergency stop, with the plan it produced. */
export interface RiskKillSwitchEntry {
  readonly kind: 'kill-switch';
  readonly ts: number;
  readonly operator: string;
  readonly reason: string;
  readonly flatten: boolean;
  readonly cancel: readonly OrderId[];
  readonly flattenOrders: readonly FlattenOrder[];
}

/** A limit found breached by monitoring or by observe (market moves, not an order). */
export interface RiskViolationEntry {
  readonly kind: 'violation';
  readonly ts: number;
  readonly rule: string;
  readonly key: string;
  readonly message: string;
  readonly values: RuleValues;
  readonly instrumentId: InstrumentId | null;
}

export type RiskAuditEntry = RiskDenialEntry | RiskTransitionEntry | RiskKillSwitchEntry | RiskViolationEntry;

/**
 * Where the risk engine writes its audit trail. Synchronous because it is called on the order path; an
 * implementation buffers (RiskAuditBuffer) and a caller flushes to the store's `riskAudit` repository.
 */
export interface RiskAuditSink {
  record(entry: RiskAuditEntry): void;
}
