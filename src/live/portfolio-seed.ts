import { InvalidInputError } from '../core/errors.js';
import { clientOrderId, fillId, instrumentId, orderId, type AccountId } from '../core/ids.js';
import { Portfolio } from '../engine/portfolio.js';
import type { BrokerAccount, BrokerPosition } from '../engine/execution-client.types.js';
import { createAccount } from '../model/account.js';
import type { Fill } from '../model/order.types.js';

/**
 * The account-wide portfolio as the broker reports it (the broker is the truth after a restart): each
 * position enters as one opening fill at the broker's average entry price, on top of a starting cash chosen
 * so that after those fills the cash equals the broker's. Marks start at the broker's current prices.
 */
export function portfolioFromBroker(
  account: BrokerAccount,
  positions: readonly BrokerPosition[],
  accountId: AccountId,
  now: number,
): Portfolio {
  const invested = positions.reduce((sum, p) => sum + p.quantity * p.averageEntryPrice, 0);
  const portfolio = emptyPortfolio(
    accountId,
    account.currency,
    account.cash + invested,
    now,
    maxLeverage(account),
  );
  for (const position of positions) {
    if (position.quantity === 0) continue;
    const id = instrumentId(position.symbol);
    portfolio.applyFill({
      id: fillId(`broker-position-${position.symbol}`),
      orderId: orderId(`broker-position-${position.symbol}`),
      clientOrderId: clientOrderId(`broker-position-${position.symbol}`),
      instrumentId: id,
      strategyId: null,
      side: position.quantity > 0 ? 'buy' : 'sell',
      quantity: Math.abs(position.quantity),
      price: position.averageEntryPrice,
      commission: 0,
      liquidity: 'taker',
      tsEvent: now,
    });
    portfolio.mark(id, position.currentPrice);
  }
  return portfolio;
}

/** A strategy's own book: its fills replayed from zero cash (positions and P&L are what it reports). */
export function portfolioFromFills(
  fills: readonly Fill[],
  accountId: AccountId,
  currency: string,
  now: number,
): Portfolio {
  const portfolio = emptyPortfolio(accountId, currency, 0, now, 1);
  for (const fill of fills) portfolio.applyFill(fill);
  return portfolio;
}

function emptyPortfolio(
  accountId: AccountId,
  currency: string,
  cash: number,
  now: number,
  leverage: number,
): Portfolio {
  const created = createAccount({
    id: accountId,
    currency,
    startingCash: Math.max(0, cash),
    maxLeverage: leverage,
    tsInit: now,
  });
  if (!created.ok) throw new InvalidInputError(created.error.message);
  return new Portfolio(created.value);
}

/** Buying power over equity, as the broker grants it (1 for a cash account). */
function maxLeverage(account: BrokerAccount): number {
  const ratio = account.equity > 0 ? account.buyingPower / account.equity : 1;
  return Number.isFinite(ratio) && ratio >= 1 ? Math.round(ratio * 100) / 100 : 1;
}
