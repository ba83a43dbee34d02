import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Historical stress test: the worst k-period windows found in the data, replayed on the current portfolio.
 * For each window [s, s + k − 1] every asset compounds, G_i = Π_{t=s}^{s+k−1} (1 + r_i,t), and the current
 * exposures v_i (money, signed; or weights for a return) give the window's P&L Σ_i v_i (G_i − 1): what the
 * holdings of today would have made through that stretch of history. The `count` worst windows that do not
 * overlap are reported, worst first (greedy: a window overlapping a worse one already chosen is skipped).
 * Each window's products are taken directly, O(N·T·k) multiplications (cheaper than exp/log prefix sums for
 * the windows stress tests use, k up to a few hundred); a return below −1, or NaN, is an error.
 */
export interface StressWindow {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly pnl: number;
  /** Per-asset P&L in the window, in input order. */
  readonly assetPnl: Float64Array;
}

export function worstWindows(
  assetReturns: readonly Float64Array[],
  exposures: Float64Array,
  windowLength: number,
  count: number,
): StressWindow[] {
  const n = exposures.length;
  if (assetReturns.length !== n) {
    throw new InvalidInputError(
      `stress test has ${quote(n)} exposures but ${assetReturns.length} return series`,
    );
  }
  const length = assetReturns[0]?.length ?? 0;
  if (!Number.isInteger(windowLength) || windowLength < 1 || windowLength > length) {
    throw new InvalidInputError(
      `stress window length ${quote(windowLength)} must be an integer from 1 to the ${length} observations`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidInputError(`stress window count ${quote(count)} must be an integer >= 1`);
  }
  assetReturns.forEach((series, i) => {
    if (series.length !== length) {
      throw new InvalidInputError(
        `return series ${i} has ${quote(series.length)} observations; expected ${length}`,
      );
    }
    for (let t = 0; t < length; t++) {
      const r = series[t] as number;
      if (!(r >= -1 && r < Number.POSITIVE_INFINITY)) {
        throw new InvalidInputError(`return ${quote(r)} of series ${i} at index ${t} must be a number >= -1`);
      }
    }
  });
  const windows = length - windowLength + 1;
  const pnl = new Float64Array(windows);
  for (let i = 0; i < n; i++) {
    const series = assetReturns[i] as Float64Array;
    const exposure = exposures[i] as number;
    for (let s = 0; s < windows; s++) {
      let growth = 1;
      for (let t = s; t < s + windowLength; t++) growth *= 1 + (series[t] as number);
      pnl[s] = (pnl[s] as number) + exposure * (growth - 1);
    }
  }
  const order = Array.from({ length: windows }, (_, s) => s).sort(
    (a, b) => (pnl[a] as number) - (pnl[b] as number),
  );
  const chosen: number[] = [];
  for (const start of order) {
    if (chosen.length === count) break;
    if (chosen.every((other) => Math.abs(other - start) >= windowLength)) chosen.push(start);
  }
  return chosen.map((start) => ({
    startIndex: start,
    endIndex: start + windowLength - 1,
    pnl: pnl[start] as number,
    assetPnl: Float64Array.from(exposures, (_, i) => windowPnl(i, start)),
  }));

  /** v_i·(Π_{t=s}^{s+k−1} (1 + r_i,t) − 1). */
  function windowPnl(i: number, s: number): number {
    const series = assetReturns[i] as Float64Array;
    let growth = 1;
    for (let t = s; t < s + windowLength; t++) growth *= 1 + (series[t] as number);
    return (exposures[i] as number) * (growth - 1);
  }
}
