import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Trading states, least to most restrictive:
 * - active: every order is checked by the rules;
 * - reducing: only orders that reduce exposure (see order-impact.ts) may pass;
 * - halted: no order passes, except the kill switch's own flatten orders.
 */
export const TRADING_STATES = ['active', 'reducing', 'halted'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

/** What moved the state: a limit breach seen by `observe`, the kill switch, or an operator's resume. */
export const TRANSITION_CAUSES = ['breach', 'kill-switch', 'operator'] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

export interface StateTransition {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly cause: TransitionCause;
  /** The breached rule, for a breach. */
  readonly rule: string | null;
  /** Who acted, for the kill switch and a resume. */
  readonly operator: string | null;
  readonly reason: string;
  readonly ts: number;
}

export interface RestrictRequest {
  readonly cause: 'breach' | 'kill-switch';
  readonly rule?: string;
  readonly operator?: string;
  readonly reason: string;
}

const SEVERITY: Readonly<Record<TradingState, number>> = { active: 0, reducing: 1, halted: 2 };

/**
 * The trading state. Breaches and the kill switch only ever tighten it (active → reducing → halted, or
 * straight to halted); nothing loosens it but an explicit operator `resume`, which returns to active.
 */
export class TradingStateMachine {
  private current: TradingState = 'active';

  get state(): TradingState {
    return this.current;
  }

  /** Moves to `to` when that is more restrictive than now; null (no transition) otherwise. */
  restrict(to: 'reducing' | 'halted', request: RestrictRequest, ts: number): StateTransition | null {
    if (SEVERITY[to] <= SEVERITY[this.current]) return null;
    const transition: StateTransition = {
      from: this.current,
      to,
      cause: request.cause,
      rule: request.rule ?? null,
      operator: request.operator ?? null,
      reason: request.reason,
      ts,
    };
    this.current = to;
    return transition;
  }

  /** An operator's return to active; null when already active. Operator and reason are required. */
  resume(operator: string, reason: string, ts: number): StateTransition | null {
    assertOperatorInput(operator, reason);
    if (this.current === 'active') return null;
    const transition: StateTransition = {
      from: this.current,
      to: 'active',
      cause: 'operator',
      rule: null,
      operator,
      reason,
      ts,
    };
    this.current = 'active';
    return transition;
  }
}

/** Operator actions are audited: who and why must be given (a non-blank string each). */
export function assertOperatorInput(operator: string, reason: string): void {
  if (typeof operator !== 'string' || operator.trim() === '')
    throw new InvalidInputError(`operator ${quote(operator)} must be a non-empty name`);
  if (typeof reason !== 'string' || reason.trim() === '')
    throw new InvalidInputError(`reason ${quote(reason)} must be a non-empty explanation`);
}
