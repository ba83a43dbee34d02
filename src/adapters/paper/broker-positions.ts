import type { BrokerPosition } from '../../engine/execution-client.types.js';
import type { Portfolio } from '../../engine/portfolio.js';

/** The portfolio's open positions as the port reports them, marked at the last price the venue saw. */
export function brokerPositions(portfolio: Portfolio): BrokerPosition[] {
  const positions: BrokerPosition[] = [];
  for (const position of portfolio.positions()) {
    if (position.quantity === 0) continue;
    const mark = portfolio.markPrice(position.instrumentId) ?? position.averagePrice;
    positions.push({
      symbol: position.instrumentId,
      quantity: position.quantity,
      averageEntryPrice: position.averagePrice,
      currentPrice: mark,
      marketValue: position.quantity * mark,
      unrealizedPnl: position.quantity * (mark - position.averagePrice),
    });
  }
  return positions;
}
