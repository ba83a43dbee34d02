import type { TradeRecord } from '../backtest.types.js';

/**
 * Statistics of round-trip trades. Only closed trades (`open: false`) count; open ones are reported as a
 * number. A win has P&L > 0, a loss P&L < 0; a break-even trade (P&L = 0) is neither but counts as a trade.
 * P&L is the record's, net of fees.
 * - winRate = wins / closed trades
 * - profitFactor = gross profit / |gross loss|: Infinity with profits and no loss, NaN with no closed trade or
 *   when both are 0 (only break-even trades)
 * - expectancy = mean P&L per closed trade
 * - averageWin / averageLoss = mean P&L of the wins / of the losses (the loss is negative); NaN when none
 * - largestWin / largestLoss = the highest winning / lowest losing P&L; NaN when none
 * - averageBarsHeld = mean barsHeld of the closed trades
 * Every mean is NaN when there is nothing to average.
 */
export interface TradeStatistics {
  readonly closedTrades: number;
  readonly openTrades: number;
  readonly winningTrades: number;
  readonly losingTrades: number;
  readonly winRate: number;
  readonly grossProfit: number;
  readonly grossLoss: number;
  readonly profitFactor: number;
  readonly expectancy: number;
  readonly averageWin: number;
  readonly averageLoss: number;
  readonly largestWin: number;
  readonly largestLoss: number;
  readonly averageBarsHeld: number;
}

/** One pass over the trades; see TradeStatistics. */
export function tradeStatistics(trades: readonly TradeRecord[]): TradeStatistics {
  let closedTrades = 0;
  let openTrades = 0;
  let winningTrades = 0;
  let losingTrades = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let largestWin = Number.NaN;
  let largestLoss = Number.NaN;
  let barsHeld = 0;
  for (const trade of trades) {
    if (trade.open) {
      openTrades++;
      continue;
    }
    closedTrades++;
    barsHeld += trade.barsHeld;
    const pnl = trade.pnl;
    if (pnl > 0) {
      winningTrades++;
      grossProfit += pnl;
      if (!(pnl <= largestWin)) largestWin = pnl;
    } else if (pnl < 0) {
      losingTrades++;
      grossLoss += pnl;
      if (!(pnl >= largestLoss)) largestLoss = pnl;
    }
  }
  return {
    closedTrades,
    openTrades,
    winningTrades,
    losingTrades,
    winRate: ratio(winningTrades, closedTrades),
    grossProfit,
    grossLoss,
    profitFactor: profitFactor(closedTrades, grossProfit, grossLoss),
    expectancy: ratio(grossProfit + grossLoss, closedTrades),
    averageWin: ratio(grossProfit, winningTrades),
    averageLoss: ratio(grossLoss, losingTrades),
    largestWin,
    largestLoss,
    averageBarsHeld: ratio(barsHeld, closedTrades),
  };
}

function ratio(numerator: number, count: number): number {
  return count > 0 ? numerator / count : Number.NaN;
}

function profitFactor(closedTrades: number, grossProfit: number, grossLoss: number): number {
  if (closedTrades === 0) return Number.NaN;
  if (grossLoss === 0) return grossProfit > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return grossProfit / -grossLoss;
}
