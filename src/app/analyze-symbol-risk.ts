import { z } from 'zod';
import { InvalidInputError, quote } from '../core/errors.js';
import { alignSeries } from '../data/align.js';
import type { BarSeries } from '../data/bar-series.js';
import { TIMEFRAMES } from '../model/timeframe.js';
import { VAR_METHODS } from '../risk/metrics/var-methods.js';
import type { Store } from '../store/repositories.types.js';
import { seriesRiskReport, type RiskAnalysis } from './analyze-risk.js';
import { showBars } from './query-bars.js';

/** The request, with the defaults of `neural-trader risk analyze` (so equal inputs give equal numbers). */
export const symbolRiskRequestSchema = z.strictObject({
  symbol: z.string().min(1),
  timeframe: z.enum(TIMEFRAMES).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  /** A stored symbol to measure beta against, matched bar by bar (timestamps both have). */
  benchmark: z.string().min(1).optional(),
  confidences: z.array(z.number().gt(0.5).lt(1)).min(1).default([0.95, 0.99]),
  methods: z
    .array(z.enum(VAR_METHODS))
    .min(1)
    .default([...VAR_METHODS]),
  periodsPerYear: z.number().positive().finite().default(252),
  riskFreeRate: z.number().gt(-1).finite().default(0),
  minimumAcceptableReturn: z.number().gt(-1).finite().default(0),
  mcPaths: z.int().min(100).max(10_000_000).default(10_000),
  seed: z.int().min(-2147483648).max(2147483647).default(42),
});
export type SymbolRiskRequest = z.input<typeof symbolRiskRequestSchema>;

export type SymbolRiskAnalysis = Omit<RiskAnalysis, 'input' | 'benchmark'> & {
  readonly input: {
    readonly symbol: string;
    readonly timeframe: string;
    readonly first: string | null;
    readonly last: string | null;
  };
  readonly benchmark?: { readonly symbol: string };
};

/**
 * `risk analyze` on stored bars: simple returns r_t = close_t / close_{t−1} − 1 of one symbol, analysed as a
 * one-position portfolio by analyzePortfolioRisk (VaR/ES by method and confidence, volatility, Sharpe,
 * Sortino, drawdown, beta). The same figures as the CLI on a CSV of the same closes; rows are labelled with
 * their ISO bar time, as `data show` writes them.
 */
export async function analyzeSymbolRisk(store: Store, raw: SymbolRiskRequest): Promise<SymbolRiskAnalysis> {
  const parsed = symbolRiskRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const value = (raw as Record<string, unknown>)[String(issue?.path[0] ?? '')];
    throw new InvalidInputError(`risk analysis ${field} ${quote(value)}: ${issue?.message ?? 'invalid'}`);
  }
  const request = parsed.data;
  const range = {
    ...(request.timeframe === undefined ? {} : { timeframe: request.timeframe }),
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
  };
  const bars = await showBars(store, { ...range, symbol: request.symbol });
  let ts = bars.ts;
  let prices = bars.close;
  let benchmarkPrices: Float64Array | undefined;
  if (request.benchmark !== undefined) {
    const other = await showBars(store, { ...range, timeframe: bars.timeframe, symbol: request.benchmark });
    const aligned = alignSeries([bars, other] as BarSeries[], { index: 'intersection' });
    ts = aligned.ts;
    prices = aligned.close[0] as Float64Array;
    benchmarkPrices = aligned.close[1];
  }
  if (prices.length < 3) {
    throw new InvalidInputError(
      `risk analysis needs at least 3 price rows; ${quote(bars.symbol)} has ${prices.length} in this range`,
    );
  }
  // Return t spans price rows t and t + 1; drawdown index −1 is the first price row.
  const labelOf = (returnIndex: number): string | null => {
    const row = ts[returnIndex + 1];
    return returnIndex < -1 || row === undefined ? null : new Date(row).toISOString();
  };
  return {
    input: {
      symbol: bars.symbol,
      timeframe: bars.timeframe,
      first: labelOf(-1),
      last: labelOf(prices.length - 2),
    },
    ...(request.benchmark === undefined ? {} : { benchmark: { symbol: request.benchmark.toUpperCase() } }),
    ...seriesRiskReport(bars.symbol, prices, benchmarkPrices, request, labelOf),
  };
}
