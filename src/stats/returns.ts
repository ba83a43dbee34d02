import { InvalidInputError, quote } from '../core/errors.js';

/**
 * Period returns of a price series, one output per input (index 0 is NaN: there is no previous price).
 * - simple: r_t = p_t / p_{t−1} − 1
 * - log:    r_t = ln(p_t / p_{t−1})  (one log of the ratio, more accurate than ln p_t − ln p_{t−1} for small moves)
 * NaN prices give NaN returns around them; non-positive prices give what the formula gives (log: NaN or −∞),
 * so validate prices upstream. `out` may be passed to reuse a buffer (it must have the input's length).
 */
export function simpleReturns(prices: Float64Array, out?: Float64Array): Float64Array {
  const result = outputFor(prices, out);
  for (let t = 1; t < prices.length; t++) result[t] = (prices[t] as number) / (prices[t - 1] as number) - 1;
  return result;
}

/** Log returns; see simpleReturns. */
export function logReturns(prices: Float64Array, out?: Float64Array): Float64Array {
  const result = outputFor(prices, out);
  for (let t = 1; t < prices.length; t++)
    result[t] = Math.log((prices[t] as number) / (prices[t - 1] as number));
  return result;
}

function outputFor(prices: Float64Array, out: Float64Array | undefined): Float64Array {
  if (out !== undefined && out.length !== prices.length) {
    throw new InvalidInputError(
      `returns output length ${quote(out.length)} must equal the price count ${prices.length}`,
    );
  }
  const result = out ?? new Float64Array(prices.length);
  if (result.length > 0) result[0] = Number.NaN;
  return result;
}
