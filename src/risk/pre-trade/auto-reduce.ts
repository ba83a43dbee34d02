import type { InstrumentId } from '../../core/ids.js';
import { roundToLot } from '../../model/instrument.js';
import { isTerminal } from '../../model/order-status.js';
import type { OrderSide } from '../../model/order.types.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import { notionalLimit } from './rule-decision.js';
import type { RiskConfig } from './risk-config.js';
import type { RiskView } from './risk-view.types.js';

/** A reduce-only market order proposed by monitoring; `rule` is the limit that first asked for it. */
export interface ReduceOrder {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly rule: string;
}

/**
 * Orders that bring the portfolio back within its limits, valued at the snapshot's prices with equity taken
 * as unchanged (selling at the mark moves cash, not equity). Open orders that already reduce a position
 * (opposite side) are counted as done, so evaluating again before they fill proposes nothing twice.
 *
 * Order of reduction (each step sees the cuts of the steps before):
 * 1. max-position: each instrument above its limit is cut to the limit, the largest excess notional first;
 * 2. sector-concentration: each sector above its limit, largest excess first, cutting its positions largest
 *    notional first until the sector is within the limit;
 * 3. max-gross-leverage: the largest positions first until gross exposure <= maxGross × equity;
 * 4. max-net-leverage: the largest positions on the side of the net exposure first until
 *    |net| <= maxNet × equity.
 * Cuts are rounded up to whole lots (never past the position), so a cut always clears its excess. One order
 * per instrument, in the order instruments were first cut.
 */
export function planReductions(
  view: RiskView,
  snapshot: PortfolioSnapshot,
  config: RiskConfig,
): ReduceOrder[] {
  const n = snapshot.count;
  const { quantities, prices, instrumentIds: ids, equity } = snapshot;
  const size = new Float64Array(n);
  for (let s = 0; s < n; s++) size[s] = Math.abs(quantities[s] as number);
  for (const order of view.openOrders()) {
    const s = snapshot.slotOf(order.instrumentId);
    if (s < 0 || isTerminal(order.status)) continue;
    const opposite = (order.side === 'buy' ? 1 : -1) !== Math.sign(quantities[s] as number);
    if (opposite) size[s] = Math.max(0, (size[s] as number) - (order.quantity - order.filledQuantity));
  }
  const cut = new Float64Array(n);
  const rules: (string | undefined)[] = new Array<string | undefined>(n);
  const sequence: number[] = [];
  const left = (s: number): number => (size[s] as number) - (cut[s] as number);
  const notional = (s: number): number => left(s) * (prices[s] as number);
  const byNotional = (a: number, b: number): number => notional(b) - notional(a);
  /** Cuts slot s by at least `quantity` (whole lots, at most what is left); returns the notional cut. */
  const reduce = (s: number, quantity: number, rule: string): number => {
    const lot = view.instrument(ids[s] as InstrumentId)?.lotSize;
    let amount = lot === undefined ? quantity : Math.ceil(quantity / lot - 1e-9) * lot;
    amount = Math.min(amount, left(s));
    if (!(amount > 0)) return 0;
    if (rules[s] === undefined) {
      rules[s] = rule;
      sequence.push(s);
    }
    cut[s] = (cut[s] as number) + amount;
    return amount * (prices[s] as number);
  };
  /** Cuts the given slots, largest first, until `excess` notional is gone. */
  const reduceLargestFirst = (slots: number[], excess: number, rule: string): void => {
    for (const s of slots.sort(byNotional)) {
      if (!(excess > 0)) return;
      excess -= reduce(s, excess / (prices[s] as number), rule);
    }
  };
  const all = Array.from({ length: n }, (_, s) => s);

  const position = config.maxPosition;
  if (position) {
    const allowed = (s: number): number => {
      const price = prices[s] as number;
      const limit = notionalLimit(position.maxNotional, position.maxEquityFraction, equity);
      return Math.max(0, Math.min(position.maxQuantity ?? Infinity, limit / price));
    };
    const excess = (s: number): number => (left(s) - allowed(s)) * (prices[s] as number);
    for (const s of all.filter((slot) => excess(slot) > 0).sort((a, b) => excess(b) - excess(a))) {
      reduce(s, left(s) - allowed(s), 'max-position');
    }
  }
  const sectorLimits = config.sectorConcentration;
  if (sectorLimits) {
    const limit = sectorLimits.maxEquityFraction * equity;
    const members = new Map<string, number[]>();
    for (const s of all) {
      const sector = snapshot.sectorOf(ids[s] as InstrumentId, view);
      if (sector !== null) members.set(sector, [...(members.get(sector) ?? []), s]);
    }
    const exposure = (slots: number[]): number => slots.reduce((sum, s) => sum + notional(s), 0);
    const over = [...members.values()].filter((slots) => exposure(slots) > limit);
    for (const slots of over.sort((a, b) => exposure(b) - exposure(a))) {
      reduceLargestFirst(slots, exposure(slots) - limit, 'sector-concentration');
    }
  }
  const leverage = config.leverage;
  if (leverage?.maxGross !== undefined) {
    const gross = all.reduce((sum, s) => sum + notional(s), 0);
    reduceLargestFirst(all, gross - leverage.maxGross * equity, 'max-gross-leverage');
  }
  if (leverage?.maxNet !== undefined) {
    const net = all.reduce((sum, s) => sum + Math.sign(quantities[s] as number) * notional(s), 0);
    const side = all.filter((s) => Math.sign(quantities[s] as number) === Math.sign(net));
    reduceLargestFirst(side, Math.abs(net) - leverage.maxNet * equity, 'max-net-leverage');
  }
  return sequence.map((s) => {
    const id = ids[s] as InstrumentId;
    const lot = view.instrument(id)?.lotSize;
    const total = cut[s] as number;
    // Sums of whole lots carry float dust (3 × 0.1); a cut to the whole position stays exact.
    const quantity =
      total >= (size[s] as number) || lot === undefined
        ? Math.min(total, size[s] as number)
        : roundToLot(total, lot);
    return {
      instrumentId: id,
      side: (quantities[s] as number) > 0 ? 'sell' : 'buy',
      quantity,
      rule: rules[s] as string,
    };
  });
}
