import type { BarSeries } from '../../data/bar-series.js';
import { asOfIndices } from '../../data/align.js';
import { timeframeMs } from '../../model/timeframe.js';

/**
 * The benchmark's simple return over each row of an equity curve, for alpha and beta. Row i's benchmark
 * price is the close of the last benchmark bar complete by the row's time (`ts + timeframe <= rowTs[i]`,
 * as the strategy could have known it); the return is P[i] / P[i-1] − 1. Row 0, and rows before the first
 * complete benchmark bar, get NaN (the CAPM regression drops those pairs).
 */
export function benchmarkReturns(benchmark: BarSeries, rowTs: Float64Array): Float64Array {
  const duration = timeframeMs(benchmark.timeframe);
  const completed = new Float64Array(benchmark.length);
  for (let i = 0; i < benchmark.length; i++) completed[i] = (benchmark.ts[i] as number) + duration;
  const at = asOfIndices(completed, rowTs);
  const out = new Float64Array(rowTs.length);
  out.fill(Number.NaN);
  for (let i = 1; i < rowTs.length; i++) {
    const previous = at[i - 1] as number;
    const current = at[i] as number;
    if (previous < 0 || current < 0) continue;
    out[i] = (benchmark.close[current] as number) / (benchmark.close[previous] as number) - 1;
  }
  return out;
}
