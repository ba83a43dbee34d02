import { z } from 'zod';
import { annualizedVolatility, periodRate } from '../backtest/metrics/annualized.js';
import { capmAlphaBeta } from '../backtest/metrics/capm.js';
import { analyzeDrawdowns, type DrawdownSummary } from '../backtest/metrics/drawdown.js';
import { sharpeRatio, sortinoRatio } from '../backtest/metrics/risk-adjusted-ratios.js';
import { InvalidInputError, quote } from '../core/errors.js';
import { tableColumn, type NumericTable } from '../data/numeric-table.js';
import { concentration, type ConcentrationReport } from '../risk/metrics/concentration.js';
import {
  portfolioRiskProfile,
  type PortfolioRiskInput,
  type PortfolioRiskProfile,
} from '../risk/metrics/portfolio-risk-profile.js';
import { VAR_METHODS, type RiskTable, type VarMethod } from '../risk/metrics/var-methods.js';
import { standardDeviation } from '../stats/moments.js';
import { simpleReturns } from '../stats/returns.js';
import { readNumericTableFile } from './run-statistics.js';

/** How every VaR/ES number is signed; repeated in the JSON so a reader of the output alone knows. */
export const SIGN_CONVENTION =
  'VaR and ES are per-period returns and losses are negative (PerformanceAnalytics, invert = TRUE): ' +
  'var.historical["0.95"] = -0.021 means a 5% chance per period of losing more than 2.1%; ' +
  'maxDrawdown is a positive fraction of the peak';

export const analyzeRiskRequestSchema = z
  .object({
    input: z.string().min(1),
    column: z.string().min(1).optional(),
    benchmark: z.string().min(1).optional(),
    benchmarkColumn: z.string().min(1).optional(),
    confidences: z.array(z.number().gt(0.5).lt(1)).min(1).default([0.95, 0.99]),
    methods: z
      .array(z.enum(VAR_METHODS))
      .min(1)
      .default([...VAR_METHODS]),
    periodsPerYear: z.number().positive().finite().default(252),
    /** Annual rates, converted per period by compounding (backtest metrics do the same). */
    riskFreeRate: z.number().gt(-1).finite().default(0),
    minimumAcceptableReturn: z.number().gt(-1).finite().default(0),
    mcPaths: z.int().min(100).max(10_000_000).default(10_000),
    seed: z.int().min(-2147483648).max(2147483647).default(42),
  })
  .strict();
export type AnalyzeRiskRequest = z.input<typeof analyzeRiskRequestSchema>;

export interface PortfolioAnalysisInput extends PortfolioRiskInput {
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly minimumAcceptableReturn: number;
  /** Benchmark returns aligned with the asset returns, for beta. */
  readonly benchmarkReturns?: Float64Array;
}

export interface PortfolioAnalysis {
  readonly profile: PortfolioRiskProfile;
  readonly concentration: ConcentrationReport;
  readonly volatility: number;
  readonly volatilityAnnualized: number;
  /** SharpeRatio.annualized(geometric = TRUE): geometric annualized excess return / annualized sd. */
  readonly sharpe: number;
  /** Annualized Sortino: mean(r − MAR)/DownsideDeviation(full) × √scale (backtest metrics' definition). */
  readonly sortino: number;
  /** Of the wealth index Π(1 + r_p), from 1 before the first return (PerformanceAnalytics maxDrawdown). */
  readonly drawdown: DrawdownSummary;
  readonly beta: number | null;
}

/**
 * The full risk analysis of a constant-weight portfolio over aligned return histories: the risk metrics
 * (src/risk/metrics) plus the performance ratios the backtest reports use (src/backtest/metrics), so a
 * backtest tearsheet and `risk analyze` give the same Sharpe, Sortino and drawdown on the same returns.
 */
export function analyzePortfolioRisk(input: PortfolioAnalysisInput): PortfolioAnalysis {
  const profile = portfolioRiskProfile(input);
  const returns = profile.portfolioReturns;
  const { periodsPerYear } = input;
  const riskFree = periodRate(input.riskFreeRate, periodsPerYear);
  const wealth = new Float64Array(returns.length);
  let level = 1;
  returns.forEach((r, t) => (wealth[t] = level *= 1 + r));
  const bars = Float64Array.from(returns, (_, t) => t);
  const benchmark = input.benchmarkReturns;
  return {
    profile,
    concentration: concentration(
      input.symbols.map((symbol, i) => ({ symbol, marketValue: input.weights[i] as number })),
    ),
    volatility: standardDeviation(returns),
    volatilityAnnualized: annualizedVolatility(returns, periodsPerYear),
    sharpe: sharpeRatio(returns, periodsPerYear, riskFree, 'geometric'),
    sortino: sortinoRatio(returns, periodsPerYear, periodRate(input.minimumAcceptableReturn, periodsPerYear)),
    drawdown: analyzeDrawdowns(bars, wealth, 1, -1),
    beta: benchmark === undefined ? null : capmAlphaBeta(returns, benchmark, periodsPerYear, riskFree).beta,
  };
}

export interface RiskAnalysis {
  readonly input: {
    readonly file: string;
    readonly column: string;
    readonly first: string | null;
    readonly last: string | null;
  };
  readonly benchmark?: { readonly file: string; readonly column: string };
  /** Returns analysed: aligned price rows − 1. */
  readonly observations: number;
  readonly signConvention: string;
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  readonly var: RiskTable;
  readonly es: RiskTable;
  readonly volatility: number;
  readonly volatilityAnnualized: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly maxDrawdown: number;
  /** Peak to recovery (or to the last row), in rows; the labels (dates) of peak, trough and recovery. */
  readonly maxDrawdownDuration: {
    readonly periods: number;
    readonly peak: string | null;
    readonly trough: string | null;
    readonly recovery: string | null;
  };
  readonly beta?: number;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly minimumAcceptableReturn: number;
  readonly monteCarlo?: { readonly paths: number; readonly seed: number };
}

/**
 * `risk analyze` on a price CSV: simple returns r_t = p_t / p_{t−1} − 1 of the close (or the named column),
 * analysed as a one-position portfolio. With a benchmark file, rows are matched by their label (date) when
 * both files have one, else by position (the files must then have the same number of rows).
 */
export function analyzeRisk(raw: AnalyzeRiskRequest): RiskAnalysis {
  const parsed = analyzeRiskRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const value = (raw as Record<string, unknown>)[String(issue?.path[0] ?? '')];
    throw new InvalidInputError(`risk analysis ${field} ${quote(value)}: ${issue?.message ?? 'invalid'}`);
  }
  const request = parsed.data;
  const table = readNumericTableFile(request.input);
  const column = request.column ?? defaultColumn(table);
  let prices = positivePrices(table, column);
  let labels = table.labels;
  let benchmarkPrices: Float64Array | undefined;
  let benchmarkColumn = '';
  if (request.benchmark !== undefined) {
    const other = readNumericTableFile(request.benchmark);
    benchmarkColumn = request.benchmarkColumn ?? defaultColumn(other);
    const aligned = align(prices, labels, positivePrices(other, benchmarkColumn), other.labels);
    [prices, benchmarkPrices, labels] = [aligned.prices, aligned.benchmark, aligned.labels];
  }
  if (prices.length < 3) {
    throw new InvalidInputError(
      `risk analysis needs at least 3 price rows; ${quote(request.input)} has ${prices.length}`,
    );
  }
  // Return t spans price rows t and t + 1; drawdown index −1 is the first price row.
  const labelOf = (returnIndex: number): string | null =>
    returnIndex < -1 || labels === null ? null : (labels[returnIndex + 1] ?? null);
  return {
    input: { file: request.input, column, first: labelOf(-1), last: labelOf(prices.length - 2) },
    ...(request.benchmark === undefined
      ? {}
      : { benchmark: { file: request.benchmark, column: benchmarkColumn } }),
    ...seriesRiskReport(column, prices, benchmarkPrices, request, labelOf),
  };
}

/** The settings of a one-series risk analysis, echoed in its report. */
export interface SeriesRiskSettings {
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  readonly mcPaths: number;
  readonly seed: number;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly minimumAcceptableReturn: number;
}

/**
 * Analyses one price series as a one-position portfolio (optionally against a benchmark's prices, aligned
 * row for row) and reports everything but where the prices came from: `risk analyze` on a file and the
 * API's analysis of a stored symbol share it. `labelOf` names a return's row (drawdown index −1 is the
 * first price row).
 */
export function seriesRiskReport(
  name: string,
  prices: Float64Array,
  benchmarkPrices: Float64Array | undefined,
  settings: SeriesRiskSettings,
  labelOf: (returnIndex: number) => string | null,
): Omit<RiskAnalysis, 'input' | 'benchmark'> {
  const analysis = analyzePortfolioRisk({
    symbols: [name],
    assetReturns: [returnsOf(prices)],
    weights: Float64Array.of(1),
    confidences: settings.confidences,
    methods: settings.methods,
    monteCarlo: { paths: settings.mcPaths, seed: settings.seed },
    periodsPerYear: settings.periodsPerYear,
    riskFreeRate: settings.riskFreeRate,
    minimumAcceptableReturn: settings.minimumAcceptableReturn,
    ...(benchmarkPrices === undefined ? {} : { benchmarkReturns: returnsOf(benchmarkPrices) }),
  });
  const { drawdown, profile } = analysis;
  return {
    observations: profile.observations,
    signConvention: SIGN_CONVENTION,
    confidences: settings.confidences,
    methods: settings.methods,
    var: profile.var,
    es: profile.es,
    volatility: analysis.volatility,
    volatilityAnnualized: analysis.volatilityAnnualized,
    sharpe: analysis.sharpe,
    sortino: analysis.sortino,
    maxDrawdown: drawdown.maxDrawdown,
    maxDrawdownDuration: {
      periods: drawdown.durationBars,
      peak: drawdown.troughIndex < 0 ? null : labelOf(drawdown.peakIndex),
      trough: drawdown.troughIndex < 0 ? null : labelOf(drawdown.troughIndex),
      recovery: drawdown.recoveryIndex < 0 ? null : labelOf(drawdown.recoveryIndex),
    },
    ...(analysis.beta === null ? {} : { beta: analysis.beta }),
    periodsPerYear: settings.periodsPerYear,
    riskFreeRate: settings.riskFreeRate,
    minimumAcceptableReturn: settings.minimumAcceptableReturn,
    ...(settings.methods.includes('montecarlo')
      ? { monteCarlo: { paths: settings.mcPaths, seed: settings.seed } }
      : {}),
  };
}

/** `close` when there is one, else the only numeric column. */
function defaultColumn(table: NumericTable): string {
  if (table.names.some((name) => name.toLowerCase() === 'close') || table.names.length !== 1) return 'close';
  return table.names[0] as string;
}

function positivePrices(table: NumericTable, column: string): Float64Array {
  const values = tableColumn(table, column);
  values.forEach((value, i) => {
    if (!(value > 0)) {
      throw new InvalidInputError(
        `column ${quote(column)} value ${quote(Number.isNaN(value) ? '' : value)} in line ${i + 2} must be a price > 0`,
      );
    }
  });
  return values;
}

/** Simple returns without the leading NaN: return t is p_{t+1}/p_t − 1. */
function returnsOf(prices: Float64Array): Float64Array {
  return simpleReturns(prices).subarray(1);
}

function align(
  prices: Float64Array,
  labels: readonly string[] | null,
  benchmark: Float64Array,
  benchmarkLabels: readonly string[] | null,
): { prices: Float64Array; benchmark: Float64Array; labels: readonly string[] | null } {
  if (labels === null || benchmarkLabels === null) {
    if (prices.length !== benchmark.length) {
      throw new InvalidInputError(
        `the benchmark has ${quote(benchmark.length)} rows and the input ${prices.length}; without a date column in both files the rows must match one to one`,
      );
    }
    return { prices, benchmark, labels };
  }
  const rowOf = new Map(benchmarkLabels.map((label, i) => [label, i]));
  const kept = labels.flatMap((label, i) =>
    rowOf.has(label) ? [[i, rowOf.get(label) as number] as const] : [],
  );
  return {
    prices: Float64Array.from(kept, ([i]) => prices[i] as number),
    benchmark: Float64Array.from(kept, ([, j]) => benchmark[j] as number),
    labels: kept.map(([i]) => labels[i] as string),
  };
}
