import { InvalidInputError, quote } from '../core/errors.js';
import {
  ORDER_CLASSES,
  ORDER_SIDES,
  ORDER_TYPES,
  TIME_IN_FORCE,
  type OrderRequest,
  type OrderSide,
  type OrderType,
} from './order.types.js';

/**
 * Checks an order request against the rules every venue we route to shares (Alpaca's are the reference).
 * Returns the first broken rule as an InvalidInputError whose message names the field and quotes its value,
 * or null when the request is valid. Requests come from outside (API, MCP, CLI, strategies), so every field
 * is checked at run time even where the type already says it.
 *
 * Rules:
 * - quantity is finite and > 0; every price given is finite and > 0; trailPercent is in (0, 100).
 * - limitPrice is required on limit and stop_limit orders and refused elsewhere; stopPrice likewise on stop
 *   and stop_limit; trailing_stop takes exactly one of trailPrice / trailPercent and no other type takes them.
 * - opg / cls (on-open / on-close auctions) only for market and limit orders. ioc / fok only for market and
 *   limit orders too: a stop rests until triggered, which contradicts "execute on arrival or never".
 * - bracket: takeProfitPrice and stopLossPrice both required, around the entry (buy: stopLoss < entry <
 *   takeProfit; sell: takeProfit < entry < stopLoss; the entry is the limit price, else the stop price, and a
 *   market entry only checks the two exits against each other). oto: exactly one exit leg, on the same side
 *   of the entry. oco: both exit legs, and the order is itself the exit (sell exits a long: stopLoss <
 *   takeProfit; buy exits a short: takeProfit < stopLoss). Legged orders are day or gtc and their entry is
 *   not a trailing stop (Alpaca's rules). A simple order takes no exit legs.
 */
export function validateOrderRequest(request: OrderRequest): InvalidInputError | null {
  const problem = findProblem(request);
  return problem === null ? null : new InvalidInputError(problem);
}

const PRICE_FIELDS = ['limitPrice', 'stopPrice', 'trailPrice', 'takeProfitPrice', 'stopLossPrice'] as const;

function findProblem(request: OrderRequest): string | null {
  const { instrumentId, side, type, quantity } = request;
  if (typeof instrumentId !== 'string' || instrumentId.length === 0) {
    return `instrumentId ${quote(instrumentId)} must be a non-empty string`;
  }
  if (!(ORDER_SIDES as readonly unknown[]).includes(side)) {
    return `side ${quote(side)} must be one of ${ORDER_SIDES.join(', ')}`;
  }
  if (!(ORDER_TYPES as readonly unknown[]).includes(type)) {
    return `type ${quote(type)} must be one of ${ORDER_TYPES.join(', ')}`;
  }
  const timeInForce = request.timeInForce ?? 'day';
  if (!(TIME_IN_FORCE as readonly unknown[]).includes(timeInForce)) {
    return `timeInForce ${quote(timeInForce)} must be one of ${TIME_IN_FORCE.join(', ')}`;
  }
  const orderClass = request.orderClass ?? 'simple';
  if (!(ORDER_CLASSES as readonly unknown[]).includes(orderClass)) {
    return `orderClass ${quote(orderClass)} must be one of ${ORDER_CLASSES.join(', ')}`;
  }
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || !(quantity > 0)) {
    return `quantity ${quote(quantity)} must be a finite number > 0`;
  }
  if (request.reduceOnly !== undefined && typeof request.reduceOnly !== 'boolean') {
    return `reduceOnly ${quote(request.reduceOnly)} must be true or false`;
  }
  return (
    checkPriceValues(request) ??
    checkTypeFields(request, type) ??
    checkTimeInForce(type, timeInForce) ??
    checkLegs(request, side, type, orderClass, timeInForce)
  );
}

function isPositiveFinite(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function checkPriceValues(request: OrderRequest): string | null {
  for (const field of PRICE_FIELDS) {
    const value = request[field];
    if (value !== undefined && !isPositiveFinite(value))
      return `${field} ${quote(value)} must be a finite number > 0`;
  }
  const percent = request.trailPercent;
  if (percent !== undefined && !(isPositiveFinite(percent) && percent < 100)) {
    return `trailPercent ${quote(percent)} must be a number in (0, 100)`;
  }
  return null;
}

const NEEDS_LIMIT: readonly OrderType[] = ['limit', 'stop_limit'];
const NEEDS_STOP: readonly OrderType[] = ['stop', 'stop_limit'];

function checkTypeFields(request: OrderRequest, type: OrderType): string | null {
  const { limitPrice, stopPrice, trailPrice, trailPercent } = request;
  if (NEEDS_LIMIT.includes(type)) {
    if (limitPrice === undefined) return `limitPrice ${quote(limitPrice)} is required on a ${type} order`;
  } else if (limitPrice !== undefined) {
    return `limitPrice ${quote(limitPrice)} is only allowed on limit and stop_limit orders, not on a ${type} order`;
  }
  if (NEEDS_STOP.includes(type)) {
    if (stopPrice === undefined) return `stopPrice ${quote(stopPrice)} is required on a ${type} order`;
  } else if (stopPrice !== undefined) {
    return `stopPrice ${quote(stopPrice)} is only allowed on stop and stop_limit orders, not on a ${type} order`;
  }
  if (type === 'trailing_stop') {
    if ((trailPrice === undefined) === (trailPercent === undefined)) {
      return (
        `a trailing_stop order needs exactly one of trailPrice and trailPercent, ` +
        `got trailPrice ${quote(trailPrice)} and trailPercent ${quote(trailPercent)}`
      );
    }
  } else if (trailPrice !== undefined || trailPercent !== undefined) {
    const [field, value] =
      trailPrice !== undefined ? ['trailPrice', trailPrice] : ['trailPercent', trailPercent];
    return `${field} ${quote(value)} is only allowed on trailing_stop orders, not on a ${type} order`;
  }
  return null;
}

function checkTimeInForce(type: OrderType, timeInForce: string): string | null {
  const immediateOrAuction = ['opg', 'cls', 'ioc', 'fok'];
  if (immediateOrAuction.includes(timeInForce) && type !== 'market' && type !== 'limit') {
    return `timeInForce ${quote(timeInForce)} is only allowed on market and limit orders, not on a ${type} order`;
  }
  return null;
}

function checkLegs(
  request: OrderRequest,
  side: OrderSide,
  type: OrderType,
  orderClass: string,
  timeInForce: string,
): string | null {
  const { takeProfitPrice, stopLossPrice } = request;
  if (orderClass === 'simple') {
    const [field, value] =
      takeProfitPrice !== undefined ? ['takeProfitPrice', takeProfitPrice] : ['stopLossPrice', stopLossPrice];
    return value === undefined
      ? null
      : `${field} ${quote(value)} needs a bracket, oco or oto order, not a simple one`;
  }
  if (timeInForce !== 'day' && timeInForce !== 'gtc') {
    return `timeInForce ${quote(timeInForce)} must be day or gtc on ${withArticle(orderClass)} order`;
  }
  if (type === 'trailing_stop') return `type ${quote(type)} cannot carry ${orderClass} legs`;
  if (orderClass === 'oto') {
    if ((takeProfitPrice === undefined) === (stopLossPrice === undefined)) {
      return (
        `an oto order needs exactly one of takeProfitPrice and stopLossPrice, ` +
        `got takeProfitPrice ${quote(takeProfitPrice)} and stopLossPrice ${quote(stopLossPrice)}`
      );
    }
  } else {
    const missing =
      takeProfitPrice === undefined
        ? 'takeProfitPrice'
        : stopLossPrice === undefined
          ? 'stopLossPrice'
          : null;
    if (missing !== null) return `${missing} undefined is required on ${withArticle(orderClass)} order`;
  }
  if (orderClass === 'oco') return checkExitPair(side, takeProfitPrice, stopLossPrice);
  return checkAroundEntry(request, side, orderClass);
}

function withArticle(orderClass: string): string {
  return orderClass === 'bracket' ? 'a bracket' : `an ${orderClass}`;
}

/** An OCO order is the exit itself: a sell closes a long (take profit above the stop), a buy closes a short. */
function checkExitPair(
  side: OrderSide,
  takeProfit: number | undefined,
  stopLoss: number | undefined,
): string | null {
  if (takeProfit === undefined || stopLoss === undefined) return null;
  if (side === 'sell' && !(stopLoss < takeProfit)) {
    return `stopLossPrice ${quote(stopLoss)} must be below takeProfitPrice ${quote(takeProfit)} on a sell oco order`;
  }
  if (side === 'buy' && !(takeProfit < stopLoss)) {
    return `stopLossPrice ${quote(stopLoss)} must be above takeProfitPrice ${quote(takeProfit)} on a buy oco order`;
  }
  return null;
}

/** Bracket / OTO exits lie on either side of the entry: above and below it for a buy, mirrored for a sell. */
function checkAroundEntry(request: OrderRequest, side: OrderSide, orderClass: string): string | null {
  const { takeProfitPrice, stopLossPrice } = request;
  const [entryField, entry] =
    request.limitPrice !== undefined
      ? ['limitPrice', request.limitPrice]
      : request.stopPrice !== undefined
        ? ['stopPrice', request.stopPrice]
        : ['', undefined];
  const above = side === 'buy' ? 'above' : 'below';
  const below = side === 'buy' ? 'below' : 'above';
  // `a` lies on the profit side of `b`: above it for a buy, below it for a sell.
  const onProfitSide = (a: number, b: number): boolean => (side === 'buy' ? a > b : a < b);
  if (entry !== undefined) {
    if (takeProfitPrice !== undefined && !onProfitSide(takeProfitPrice, entry)) {
      return `takeProfitPrice ${quote(takeProfitPrice)} must be ${above} the ${entryField} ${quote(entry)} of a ${side} ${orderClass} order`;
    }
    if (stopLossPrice !== undefined && !onProfitSide(entry, stopLossPrice)) {
      return `stopLossPrice ${quote(stopLossPrice)} must be ${below} the ${entryField} ${quote(entry)} of a ${side} ${orderClass} order`;
    }
  }
  if (
    takeProfitPrice !== undefined &&
    stopLossPrice !== undefined &&
    !onProfitSide(takeProfitPrice, stopLossPrice)
  ) {
    return `stopLossPrice ${quote(stopLossPrice)} must be ${below} takeProfitPrice ${quote(takeProfitPrice)} on a ${side} ${orderClass} order`;
  }
  return null;
}
