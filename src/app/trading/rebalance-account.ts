import type { ExecutionClient } from '../../engine/execution-client.types.js';
import type { MarketDataClient } from '../../engine/market-data-client.types.js';
import { executeRebalance, type RebalanceExecution } from '../../live/basket.js';
import type { TradingNode } from '../../live/trading-node.js';
import { planRebalance, type RebalancePlan } from '../../live/rebalance-plan.js';

export interface RebalanceRequest {
  readonly targets: Readonly<Record<string, number>>;
  readonly dryRun: boolean;
  /** Fraction of equity kept in cash (default 0.02 from the CLI). */
  readonly cashBuffer: number;
  /** Trades worth less are skipped. */
  readonly minTradeValue: number;
}

export interface RebalanceOutcome {
  readonly plan: RebalancePlan;
  readonly dryRun: boolean;
  /** Null for a dry run. */
  readonly execution: RebalanceExecution | null;
}

/**
 * `trade rebalance`: plans against the broker's account (the truth: its positions and equity) at the feed's
 * latest prices, then either returns the plan (dry run) or executes it through the node's operator context
 * (risk engine, journal), sells before buys.
 */
export async function rebalanceAccount(
  client: ExecutionClient,
  marketData: MarketDataClient,
  node: TradingNode,
  request: RebalanceRequest,
): Promise<RebalanceOutcome> {
  const [account, positions] = await Promise.all([client.getAccount(), client.listPositions()]);
  const holdings = positions
    .filter((p) => p.quantity !== 0)
    .map((p) => ({ symbol: p.symbol, quantity: p.quantity }));
  const symbols = [...new Set([...Object.keys(request.targets), ...holdings.map((h) => h.symbol)])];
  const prices: Record<string, number> = {};
  await Promise.all(
    symbols.map(async (symbol) => {
      prices[symbol] = (await marketData.latestTrade(symbol)).price;
    }),
  );
  const plan = planRebalance({
    targets: request.targets,
    holdings,
    prices,
    equity: account.equity,
    cashBuffer: request.cashBuffer,
    minTradeValue: request.minTradeValue,
  });
  if (request.dryRun) return { plan, dryRun: true, execution: null };
  // The risk engine needs a reference price for each market order: the same latest trades the plan used.
  await node.primePrices(symbols);
  return { plan, dryRun: false, execution: await executeRebalance(node.operator, plan) };
}
