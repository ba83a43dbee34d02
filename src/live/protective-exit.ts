import type { Position } from '../model/position.types.js';
import type { StrategyContext } from '../strategies/strategy-context.js';

export const EXIT_REASONS = ['stop_loss', 'take_profit'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** The runtime config's stop_loss_percentage / take_profit_percentage, in percent (2 means 2 %). */
export interface ProtectiveExitConfig {
  readonly stopLossPercentage: number;
  readonly takeProfitPercentage: number;
}

/**
 * Whether a position must be closed at `price`: a long at or below entry × (1 − stop%) or at or above
 * entry × (1 + take%); a short mirrored (at or above entry × (1 + stop%), at or below entry × (1 − take%)).
 * Null for a flat position or a price inside the band.
 */
export function protectiveExit(
  position: Position | null,
  price: number,
  config: ProtectiveExitConfig,
): ExitReason | null {
  if (position === null || position.quantity === 0 || !(position.averagePrice > 0)) return null;
  const move = (price - position.averagePrice) / position.averagePrice;
  const gain = position.quantity > 0 ? move : -move;
  if (gain <= -config.stopLossPercentage / 100) return 'stop_loss';
  if (gain >= config.takeProfitPercentage / 100) return 'take_profit';
  return null;
}

/**
 * Closes the strategy's position in `symbol` with a market order when `close` left its band, once: not while
 * one of its orders in the symbol is still working. Goes through the context (risk engine, journal).
 */
export function closeOutsideBand(
  context: StrategyContext,
  symbol: string,
  close: number,
  config: ProtectiveExitConfig,
): ExitReason | null {
  const position = context.position(symbol);
  const reason = protectiveExit(position, close, config);
  if (reason === null || position === null || context.openOrders(symbol).length > 0) return null;
  context.log(`protective exit: ${reason}`, { symbol, close, averagePrice: position.averagePrice });
  context.submitOrder({
    symbol,
    side: position.quantity > 0 ? 'sell' : 'buy',
    type: 'market',
    quantity: Math.abs(position.quantity),
    timeInForce: 'day',
  });
  return reason;
}
