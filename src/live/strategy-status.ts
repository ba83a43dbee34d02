import type { StrategyId } from '../core/ids.js';
import type { Portfolio } from '../engine/portfolio.js';
import type { Strategy } from '../strategies/strategy.js';
import type { LastSignal, LiveStrategyContext } from './live-strategy-context.js';

export const STRATEGY_STATES = ['starting', 'running', 'stopped', 'failed'] as const;
export type StrategyState = (typeof STRATEGY_STATES)[number];

/** A running strategy inside the node (mutable; the node owns it). */
export interface StrategyRuntime {
  readonly strategy: Strategy;
  readonly strategyId: StrategyId;
  readonly symbols: ReadonlySet<string>;
  readonly subscribed: Set<string>;
  state: StrategyState;
  context: LiveStrategyContext | null;
  /** The strategy's own fills: its positions and P&L. */
  own: Portfolio | null;
  /** Latest errors, oldest first (bounded). */
  readonly errors: string[];
}

export interface StrategyPositionStatus {
  readonly symbol: string;
  readonly quantity: number;
  readonly averagePrice: number;
  readonly lastPrice: number | null;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
}

/** What `trade status` shows per strategy (plain data: it is stored as JSON for other processes). */
export interface StrategyStatus {
  readonly strategyId: string;
  readonly strategy: string;
  readonly state: StrategyState;
  readonly symbols: readonly string[];
  readonly positions: readonly StrategyPositionStatus[];
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly lastSignal: LastSignal | null;
  readonly errors: readonly string[];
}

export function strategyStatus(slot: StrategyRuntime): StrategyStatus {
  const own = slot.own;
  const positions: StrategyPositionStatus[] = [];
  for (const position of own?.positions() ?? []) {
    if (position.quantity === 0 && position.realizedPnl === 0) continue;
    const lastPrice = own?.markPrice(position.instrumentId) ?? null;
    positions.push({
      symbol: position.instrumentId,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      lastPrice,
      realizedPnl: position.realizedPnl,
      unrealizedPnl: lastPrice === null ? 0 : position.quantity * (lastPrice - position.averagePrice),
    });
  }
  return {
    strategyId: slot.strategyId,
    strategy: slot.strategy.name,
    state: slot.state,
    symbols: [...slot.symbols],
    positions,
    realizedPnl: own?.realizedPnl() ?? 0,
    unrealizedPnl: own?.unrealizedPnl() ?? 0,
    lastSignal: slot.context?.lastSignal ?? null,
    errors: [...slot.errors],
  };
}
