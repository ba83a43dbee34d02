import type { Order } from '../model/order.types.js';
import { planReductions, type ReduceOrder } from './pre-trade/auto-reduce.js';
import { buildRules, type RuleSet } from './pre-trade/build-rules.js';
import { buildCheckContext } from './pre-trade/check-context.js';
import { LimitMonitor, type MonitorResult } from './pre-trade/limit-monitor.js';
import { PortfolioSnapshot } from './pre-trade/portfolio-snapshot.js';
import { parseRiskConfig, type RiskConfig, type RiskConfigInput } from './pre-trade/risk-config.js';
import { ALLOWED, deny, formatNumber } from './pre-trade/rule-decision.js';
import type {
  OrderPurpose,
  PreTradeRule,
  RiskViolation,
  RuleDecision,
  RuleDenial,
} from './pre-trade/rule.types.js';
import type { RiskView } from './pre-trade/risk-view.types.js';
import type { RiskAuditSink } from './risk-audit.types.js';
import { EquityTracker } from './state/equity-tracker.js';
import { planKillSwitch, type KillSwitchPlan, type KillSwitchRequest } from './state/kill-switch.js';
import {
  assertOperatorInput,
  TradingStateMachine,
  type StateTransition,
  type TradingState,
} from './state/trading-state.js';

export interface RiskEngineOptions {
  /** Receives every denial, transition, kill switch and violation (default: discarded). */
  readonly audit?: RiskAuditSink;
}

export interface CheckOptions {
  /** Default 'strategy'. The kill switch's flatten orders pass 'kill-switch', monitoring's 'auto-reduce'. */
  readonly purpose?: OrderPurpose;
}

export interface ObserveResult {
  readonly transitions: readonly StateTransition[];
  readonly violations: readonly RiskViolation[];
}

export interface EvaluateResult extends MonitorResult {
  /** With `autoReduce` on (and not halted): orders that bring the portfolio within limits (auto-reduce.ts). */
  readonly reduceOrders: readonly ReduceOrder[];
}

const DISCARD: RiskAuditSink = { record: () => undefined };

/**
 * The pre-trade risk engine every order passes, in backtest, paper and live alike (ARCHITECTURE §1).
 *
 * `check(order, view)` runs the trading-state gate (halted: nothing passes; reducing: only orders that reduce
 * exposure, as order-impact.ts defines it), then every configured rule in a fixed order (build-rules.ts); the
 * first denial wins and is returned, and written to the audit sink, never thrown. A kill-switch order skips
 * the gate and the rules but must reduce the position it closes. Portfolio figures are computed once per
 * portfolio state (PortfolioSnapshot) and return covariances once per day (ReturnCovariance), so a check is
 * a few microseconds with every rule on (bench/pre-trade.bench.ts).
 *
 * The engine that runs orders also calls `observe(equity, ts)` on every bar close and fill (daily-loss and
 * drawdown breaches move the trading state to the configured target), `evaluate(view)` after fills and price
 * updates (monitoring), `engageKillSwitch` and `resume` on operator commands.
 */
export class RiskEngine {
  readonly config: RiskConfig;
  private readonly machine = new TradingStateMachine();
  private readonly tracker = new EquityTracker();
  private readonly ruleSet: RuleSet;
  private readonly rules: readonly PreTradeRule[];
  private readonly counting: readonly PreTradeRule[];
  private readonly snapshot: PortfolioSnapshot;
  private readonly monitor: LimitMonitor;
  private readonly audit: RiskAuditSink;
  private dailyLossBreached = false;
  private drawdownBreached = false;

  /** Validates the configuration (zod; InvalidInputError naming each problem). */
  constructor(config: RiskConfigInput = {}, options: RiskEngineOptions = {}) {
    this.config = parseRiskConfig(config);
    this.audit = options.audit ?? DISCARD;
    this.ruleSet = buildRules(this.config, this.tracker);
    this.rules = this.ruleSet.rules;
    this.counting = this.rules.filter((rule) => rule.accepted !== undefined);
    this.snapshot = new PortfolioSnapshot(this.ruleSet.sectors);
    this.monitor = new LimitMonitor(this.config, this.ruleSet.portfolioVar);
  }

  get state(): TradingState {
    return this.machine.state;
  }

  /** Names of the configured rules, in check order. */
  get ruleNames(): readonly string[] {
    return this.rules.map((rule) => rule.name);
  }

  check(order: Order, view: RiskView, options: CheckOptions = {}): RuleDecision {
    const purpose = options.purpose ?? 'strategy';
    // Nothing to check while active without rules: skip building the order's context (the common backtest).
    if (this.rules.length === 0 && purpose !== 'kill-switch' && this.machine.state === 'active') return ALLOWED;
    const context = buildCheckContext(order, view, purpose, this.snapshot);
    const { impact } = context;
    if (purpose === 'kill-switch') {
      if (impact.reducesPositionAlone) return ALLOWED;
      return this.denied(
        deny(
          'kill-switch',
          `kill-switch order ${order.side} ${formatNumber(order.quantity)} ${order.instrumentId} does not reduce ` +
            `the position ${formatNumber(impact.positionBefore)}`,
          { positionBefore: impact.positionBefore, quantity: order.quantity },
        ),
        order,
        view,
        purpose,
      );
    }
    const state = this.machine.state;
    if (state === 'halted') {
      return this.denied(
        deny('trading-state', 'trading is halted: no order may pass until an operator resumes', { state }),
        order,
        view,
        purpose,
      );
    }
    if (state === 'reducing' && !impact.reducesExposure) {
      return this.denied(
        deny(
          'trading-state',
          `trading is reducing: only orders that reduce exposure may pass; this one takes the position in ` +
            `${order.instrumentId} from ${formatNumber(impact.positionBefore)} to ${formatNumber(impact.positionAfter)}`,
          { state, positionBefore: impact.positionBefore, positionAfter: impact.positionAfter },
        ),
        order,
        view,
        purpose,
      );
    }
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const decision = (rules[i] as PreTradeRule).check(order, view, context);
      if (!decision.allowed) return this.denied(decision, order, view, purpose);
    }
    for (let i = 0; i < this.counting.length; i++) this.counting[i]?.accepted?.(order, view);
    return ALLOWED;
  }

  /**
   * Feeds equity (every bar close and fill). Tracks start-of-day and peak equity (EquityTracker: UTC days) and,
   * when a daily-loss or drawdown breach begins, records a violation and moves the state to the rule's
   * `onBreach` target (never loosening it). A breach that persists is reported once; it can fire again after
   * it cleared (the daily loss clears at the next UTC day).
   */
  observe(equity: number, ts: number): ObserveResult {
    this.tracker.observe(equity, ts);
    const transitions: StateTransition[] = [];
    const violations: RiskViolation[] = [];
    const { dailyLoss, drawdown } = this.ruleSet;
    if (dailyLoss !== null && this.config.dailyLoss) {
      const breach = dailyLoss.breach(equity, ts);
      if (breach !== null && !this.dailyLossBreached)
        this.breached(breach, this.config.dailyLoss.onBreach, ts, transitions, violations);
      this.dailyLossBreached = breach !== null;
    }
    if (drawdown !== null && this.config.drawdown) {
      const breach = drawdown.breach(equity);
      if (breach !== null && !this.drawdownBreached)
        this.breached(breach, this.config.drawdown.onBreach, ts, transitions, violations);
      this.drawdownBreached = breach !== null;
    }
    return { transitions, violations };
  }

  /** Monitoring after a fill or price update: breached limits, newly started ones audited, reductions. */
  evaluate(view: RiskView): EvaluateResult {
    this.snapshot.refresh(view);
    const result = this.monitor.evaluate(view, this.snapshot);
    const ts = view.now();
    for (const violation of result.started) this.audit.record({ kind: 'violation', ts, ...violation });
    const reduce = this.config.autoReduce && this.machine.state !== 'halted' && result.violations.length > 0;
    return { ...result, reduceOrders: reduce ? planReductions(view, this.snapshot, this.config) : [] };
  }

  /**
   * The operator's emergency stop: the state becomes halted and the plan lists every open order to cancel
   * and, with `flatten`, one closing market order per position; the engine executes it, submitting the
   * flatten orders with `check(order, view, { purpose: 'kill-switch' })`.
   */
  engageKillSwitch(request: KillSwitchRequest, view: RiskView): KillSwitchPlan {
    assertOperatorInput(request.operator, request.reason);
    const plan = planKillSwitch(view, request.flatten);
    const ts = view.now();
    this.audit.record({
      kind: 'kill-switch',
      ts,
      operator: request.operator,
      reason: request.reason,
      flatten: request.flatten,
      cancel: plan.cancel,
      flattenOrders: plan.flatten,
    });
    const transition = this.machine.restrict(
      'halted',
      { cause: 'kill-switch', operator: request.operator, reason: request.reason },
      ts,
    );
    if (transition !== null) this.audit.record({ kind: 'transition', ...transition });
    return plan;
  }

  /** Back to active, by explicit operator action only; null when already active. */
  resume(operator: string, reason: string, ts: number): StateTransition | null {
    const transition = this.machine.resume(operator, reason, ts);
    if (transition !== null) this.audit.record({ kind: 'transition', ...transition });
    return transition;
  }

  private breached(
    breach: RuleDenial,
    target: 'reducing' | 'halted' | 'none',
    ts: number,
    transitions: StateTransition[],
    violations: RiskViolation[],
  ): void {
    const violation: RiskViolation = {
      rule: breach.rule,
      key: breach.rule,
      message: breach.message,
      values: breach.values,
      instrumentId: null,
    };
    violations.push(violation);
    this.audit.record({ kind: 'violation', ts, ...violation });
    if (target === 'none') return;
    const transition = this.machine.restrict(
      target,
      { cause: 'breach', rule: breach.rule, reason: breach.message },
      ts,
    );
    if (transition === null) return;
    transitions.push(transition);
    this.audit.record({ kind: 'transition', ...transition });
  }

  private denied(decision: RuleDenial, order: Order, view: RiskView, purpose: OrderPurpose): RuleDenial {
    this.audit.record({
      kind: 'denial',
      ts: view.now(),
      rule: decision.rule,
      message: decision.message,
      values: decision.values,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      instrumentId: order.instrumentId,
      strategyId: order.strategyId,
      side: order.side,
      quantity: order.quantity,
      purpose,
    });
    return decision;
  }
}
