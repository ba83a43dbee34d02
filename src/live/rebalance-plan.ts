import { InvalidInputError, quote } from '../core/errors.js';

export interface RebalanceHolding {
  readonly symbol: string;
  /** Signed quantity held. */
  readonly quantity: number;
}

export interface RebalanceInput {
  /** Target weight of equity per symbol, each in [0, 1], summing to at most 1; held symbols absent are sold. */
  readonly targets: Readonly<Record<string, number>>;
  readonly holdings: readonly RebalanceHolding[];
  /** Price of every symbol in the targets or the holdings. */
  readonly prices: Readonly<Record<string, number>>;
  /** Account equity: cash plus the value of the holdings at `prices`. */
  readonly equity: number;
  /** Fraction of equity kept in cash, in [0, 1). Default 0. */
  readonly cashBuffer?: number;
  /** Trades worth less than this (|quantity| × price) are skipped. Default 0. */
  readonly minTradeValue?: number;
  /** Lot size per symbol (quantities are whole multiples of it). Default 1 (whole shares). */
  readonly lotSize?: (symbol: string) => number;
}

export interface PlannedOrder {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly quantity: number;
  readonly price: number;
  /** quantity × price. */
  readonly value: number;
  readonly currentQuantity: number;
  readonly targetQuantity: number;
}

export interface SkippedTrade {
  readonly symbol: string;
  readonly quantity: number;
  readonly reason: string;
}

export interface RebalancePlan {
  /** Sells first (they free the cash the buys need), then buys; each group by symbol. */
  readonly orders: readonly PlannedOrder[];
  readonly skipped: readonly SkippedTrade[];
  /** Cash once every planned order filled at `prices`. */
  readonly cashAfter: number;
}

const EPSILON = 1e-9;

/**
 * Orders that move the holdings to target weights (issue 9). For each symbol the target quantity is
 * `weight × equity × (1 − cashBuffer) / price`; the trade is the difference from the holding, rounded toward
 * zero to a whole lot (a buy never overshoots its target, so the buys never need more than the cash the
 * plan leaves), and skipped when worth less than `minTradeValue`. Pure: the caller previews it (dry run) or
 * executes it, sells before buys.
 */
export function planRebalance(input: RebalanceInput): RebalancePlan {
  const buffer = input.cashBuffer ?? 0;
  const minimum = input.minTradeValue ?? 0;
  if (!(buffer >= 0 && buffer < 1))
    throw new InvalidInputError(`cash buffer ${quote(buffer)} must be in [0, 1)`);
  if (!(minimum >= 0)) throw new InvalidInputError(`minimum trade value ${quote(minimum)} must be >= 0`);
  if (!(Number.isFinite(input.equity) && input.equity > 0)) {
    throw new InvalidInputError(`equity ${quote(input.equity)} must be > 0`);
  }
  let total = 0;
  for (const [symbol, weight] of Object.entries(input.targets)) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new InvalidInputError(`target weight of ${quote(symbol)} ${quote(weight)} must be in [0, 1]`);
    }
    total += weight;
  }
  if (total > 1 + EPSILON) throw new InvalidInputError(`target weights sum to ${quote(total)}: at most 1`);
  const held = new Map(input.holdings.map((h) => [h.symbol, h.quantity]));
  const symbols = [...new Set([...Object.keys(input.targets), ...held.keys()])].sort();
  const investable = input.equity * (1 - buffer);
  let cash = input.equity - input.holdings.reduce((sum, h) => sum + h.quantity * priceOf(input, h.symbol), 0);
  const sells: PlannedOrder[] = [];
  const buys: PlannedOrder[] = [];
  const skipped: SkippedTrade[] = [];
  for (const symbol of symbols) {
    const price = priceOf(input, symbol);
    const lot = input.lotSize?.(symbol) ?? 1;
    if (!(lot > 0)) throw new InvalidInputError(`lot size of ${quote(symbol)} ${quote(lot)} must be > 0`);
    const current = held.get(symbol) ?? 0;
    const wanted = ((input.targets[symbol] ?? 0) * investable) / price;
    const target = (input.targets[symbol] ?? 0) === 0 ? 0 : Math.floor(wanted / lot + EPSILON) * lot;
    const raw = target - current;
    const delta = Math.trunc(raw / lot + (raw > 0 ? EPSILON : -EPSILON)) * lot;
    if (Math.abs(delta) < EPSILON) continue;
    const value = Math.abs(delta) * price;
    if (value < minimum) {
      skipped.push({
        symbol,
        quantity: delta,
        reason: `trade value ${round(value)} is below the minimum ${minimum}`,
      });
      continue;
    }
    const order: PlannedOrder = {
      symbol,
      side: delta > 0 ? 'buy' : 'sell',
      quantity: round(Math.abs(delta)),
      price,
      value: round(value),
      currentQuantity: current,
      targetQuantity: round(current + delta),
    };
    cash -= delta * price;
    (delta > 0 ? buys : sells).push(order);
  }
  return { orders: [...sells, ...buys], skipped, cashAfter: round(cash) };
}

/** `SPY=0.6,TLT=0.4` → { SPY: 0.6, TLT: 0.4 } (symbols upper-cased; each entry must be SYMBOL=weight). */
export function parseTargets(text: string): Record<string, number> {
  const targets: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9._/-]+)=([0-9.]+%?)$/.exec(part);
    if (match === null) throw new InvalidInputError(`target ${quote(part)} must look like SYMBOL=weight`);
    const symbol = (match[1] as string).toUpperCase();
    const raw = match[2] as string;
    const weight = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
    if (!Number.isFinite(weight)) throw new InvalidInputError(`target ${quote(part)} has no numeric weight`);
    if (symbol in targets) throw new InvalidInputError(`target ${quote(symbol)} is given twice`);
    targets[symbol] = weight;
  }
  if (Object.keys(targets).length === 0)
    throw new InvalidInputError('targets must list at least one SYMBOL=weight');
  return targets;
}

function priceOf(input: RebalanceInput, symbol: string): number {
  const price = input.prices[symbol];
  if (price === undefined || !(price > 0)) {
    throw new InvalidInputError(`no price for ${quote(symbol)}: every target and holding needs one > 0`);
  }
  return price;
}

function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
