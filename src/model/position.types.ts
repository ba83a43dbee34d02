import type { AccountId, InstrumentId, PositionId, StrategyId } from '../core/ids.js';

export const POSITION_SIDES = ['long', 'short', 'flat'] as const;
export type PositionSide = (typeof POSITION_SIDES)[number];

/**
 * Net position in one instrument. `quantity` is signed (long > 0, short < 0). `averagePrice` is the average
 * entry price of the open quantity; `realizedPnl` accumulates closed P&L net of commissions.
 */
export interface Position {
  readonly id: PositionId;
  readonly accountId: AccountId | null;
  readonly instrumentId: InstrumentId;
  readonly strategyId: StrategyId | null;
  readonly side: PositionSide;
  readonly quantity: number;
  readonly averagePrice: number;
  readonly realizedPnl: number;
  readonly commissions: number;
  readonly tsOpened: number;
  readonly tsLast: number;
}

export interface AccountState {
  readonly id: AccountId;
  readonly currency: string;
  readonly cash: number;
  /** cash + market value of all positions. */
  readonly equity: number;
  /** Σ |quantity| * mark over open positions. */
  readonly grossExposure: number;
  readonly buyingPower: number;
  /** gross exposure / equity. */
  readonly leverage: number;
  readonly maxLeverage: number;
  readonly tsLast: number;
}
