import type { DisclosedTrade } from '../../model/disclosure.types.js';

export interface ConvictionParameters {
  /** Trade value (money) whose size factor is 1. */
  readonly valueScale: number;
  /** Conviction added per filer beyond the first in a same-side cluster. */
  readonly clusterWeight: number;
  readonly maxConviction: number;
}

/**
 * Share of the filer's stake that the trade moved, in [0, 1]: a buy of q that leaves the filer with A shares
 * is q / A (1 = a new position); a sale of q that leaves A is q / (A + q) (1 = sold everything). 0 when the
 * filing does not give the stake. A trade that doubles a stake says more than one that adds 1% to it.
 */
export function stakeShare(trade: DisclosedTrade): number {
  const after = trade.sharesOwnedAfter;
  if (after === null) return 0;
  const before = trade.side === 'buy' ? after : after + trade.quantity;
  return before > 0 ? Math.min(1, trade.quantity / before) : 0;
}

/**
 * How strongly to follow a disclosure (1 = a normal position):
 *
 *   conviction = min(maxConviction, sqrt(value / valueScale) x (1 + stakeShare) x (1 + clusterWeight x (filers - 1)))
 *
 * - size: the square root, so ten times the money is about three times the conviction (large trades say
 *   more, but one huge trade should not take the whole book);
 * - stake: up to 2x for a trade that moves the filer's whole stake (stakeShare above);
 * - cluster: `filers` = distinct filers who traded the symbol the same way within the cluster window,
 *   this one included; several insiders buying together is treated as a stronger signal than one (a common
 *   screen, and a modelling choice: the weight is a parameter).
 */
export function conviction(trade: DisclosedTrade, filers: number, parameters: ConvictionParameters): number {
  const size = Math.sqrt(trade.value / parameters.valueScale);
  const stake = 1 + stakeShare(trade);
  const cluster = 1 + parameters.clusterWeight * Math.max(0, filers - 1);
  return Math.min(parameters.maxConviction, size * stake * cluster);
}
