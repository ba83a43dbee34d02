import { periodsPerYearFor } from '../backtest/metrics/index.js';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { RISK_LEVELS, type RiskLevel } from '../model/risk-level.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Store } from '../store/repositories.types.js';
import {
  measurePairRegime,
  measureSymbolRegime,
  type PairRegime,
  type SymbolRegime,
} from '../strategies/market-regime.js';
import { STRATEGIES, type StrategyDefinition } from '../strategies/registry.js';
import { loadBacktestSeries } from './backtest-data.js';
import { backtestOnUniverse } from './compare-strategies.js';
import type { SimulationSettings } from './simulate-strategy.js';

export interface RecommendStrategyRequest extends Omit<SimulationSettings, 'params' | 'benchmark' | 'risk'> {
  readonly symbols: readonly string[];
  /** The user's risk level: strategies above it are excluded (not a pre-trade preset for the backtests). */
  readonly risk: RiskLevel;
  readonly timeframe?: Timeframe;
  /** Bars the regime facts are measured on (default 252). */
  readonly regimeBars?: number;
  /** Out-of-sample windows and their length in bars (default 4 × 63: the last year in quarters). */
  readonly folds?: number;
  readonly foldBars?: number;
}

export interface Candidate {
  readonly strategy: string;
  readonly riskLevel: RiskLevel;
  /** Annualized Sharpe ratio of each recent window, oldest first. */
  readonly windowSharpes: readonly number[];
  readonly meanSharpe: number;
  /** Share of windows with a positive return. */
  readonly positiveWindows: number;
  /** −1, 0 or +1: how well the measured regime suits the strategy's style (rules in regimeFit). */
  readonly regimeFit: number;
  /** meanSharpe + REGIME_WEIGHT × regimeFit. */
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface Recommendation {
  readonly symbols: readonly string[];
  /** The user's risk level: strategies above it are excluded (not a pre-trade preset for the backtests). */
  readonly risk: RiskLevel;
  readonly recommended: string | null;
  readonly reasons: readonly string[];
  readonly regime: { readonly symbols: readonly SymbolRegime[]; readonly bestPair: PairRegime | null };
  readonly candidates: readonly Candidate[];
  /** Strategies left out, with why (risk level above the user's, inputs it needs, too few symbols). */
  readonly excluded: readonly { readonly strategy: string; readonly reason: string }[];
}

/** Weight of the regime fit against the mean recent Sharpe ratio in the score. */
const REGIME_WEIGHT = 0.25;

/**
 * Recommends a strategy for symbols and a risk level from measured facts only: the current regime of each
 * symbol (ADX, volatility, half-life, Hurst) and of the best pair (Engle-Granger), and recent out-of-sample
 * backtests — each strategy at its default parameters (never fitted to this data) over the last `folds`
 * windows of `foldBars` bars, with the bars before them as warm-up. Strategies above the user's risk level
 * are excluded. Score = mean window Sharpe + 0.25 × regime fit; the highest wins, and its reasons are given.
 */
export async function recommendStrategy(
  store: Store,
  request: RecommendStrategyRequest,
): Promise<Recommendation> {
  if (!(RISK_LEVELS as readonly string[]).includes(request.risk)) {
    throw new InvalidInputError(`risk level ${quote(request.risk)} must be one of ${RISK_LEVELS.join(', ')}`);
  }
  const folds = request.folds ?? 4;
  const foldBars = request.foldBars ?? 63;
  const series = await loadBacktestSeries(store, {
    kind: 'store',
    symbols: request.symbols,
    ...(request.timeframe === undefined ? {} : { timeframe: request.timeframe }),
  });
  const timeframe = (series[0] as BarSeries).timeframe;
  const periodsPerYear = periodsPerYearFor(timeframe);
  const shortest = Math.min(...series.map((s) => s.length));
  if (shortest < folds * foldBars + 60) {
    throw new InvalidInputError(
      `recommend needs ${folds * foldBars + 60} bars per symbol (${folds} windows of ${foldBars} plus 60 of warm-up); the shortest series has ${shortest}`,
    );
  }
  const regimeBars = request.regimeBars ?? 252;
  const symbolRegimes = series.map((s) => measureSymbolRegime(s, regimeBars, periodsPerYear));
  const bestPair = findBestPair(series, regimeBars);
  const candidates: Candidate[] = [];
  const excluded: { strategy: string; reason: string }[] = [];
  for (const definition of STRATEGIES.values()) {
    const reason = exclusion(definition, request.risk, series.length);
    if (reason !== null) {
      excluded.push({ strategy: definition.name, reason });
      continue;
    }
    try {
      candidates.push(
        evaluate(definition, series, request, folds, foldBars, periodsPerYear, symbolRegimes, bestPair),
      );
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      excluded.push({ strategy: definition.name, reason: error.message });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.strategy.localeCompare(b.strategy));
  const best = candidates.find((c) => Number.isFinite(c.score)) ?? null;
  return {
    symbols: series.map((s) => s.symbol),
    risk: request.risk,
    recommended: best?.strategy ?? null,
    reasons:
      best === null ? ['no strategy could be evaluated on this data at this risk level'] : best.reasons,
    regime: { symbols: symbolRegimes, bestPair },
    candidates,
    excluded,
  };
}

function exclusion(definition: StrategyDefinition, risk: RiskLevel, symbols: number): string | null {
  if (RISK_LEVELS.indexOf(definition.riskLevel) > RISK_LEVELS.indexOf(risk)) {
    return `risk level ${definition.riskLevel} is above ${risk}`;
  }
  if (symbols < definition.symbols.min) return `needs at least ${definition.symbols.min} symbols`;
  return null;
}

function findBestPair(series: readonly BarSeries[], window: number): PairRegime | null {
  let best: PairRegime | null = null;
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const pair = measurePairRegime(series[i] as BarSeries, series[j] as BarSeries, window);
      if (best === null || pair.pValue < best.pValue) best = pair;
    }
  }
  return best;
}

function evaluate(
  definition: StrategyDefinition,
  series: readonly BarSeries[],
  request: RecommendStrategyRequest,
  folds: number,
  foldBars: number,
  periodsPerYear: number,
  regimes: readonly SymbolRegime[],
  bestPair: PairRegime | null,
): Candidate {
  const { risk: _userLevel, ...settings } = request;
  const { mode, run } = backtestOnUniverse(definition.name, series, { ...settings, params: {} });
  const equity = run.equity.equity;
  const rows = equity.length;
  const windowSharpes: number[] = [];
  let positive = 0;
  for (let k = folds; k >= 1; k--) {
    const start = rows - k * foldBars;
    const window = equity.subarray(Math.max(0, start - 1), start + foldBars);
    windowSharpes.push(annualizedSharpe(window, periodsPerYear));
    if ((window[window.length - 1] as number) > (window[0] as number)) positive++;
  }
  const meanSharpe = windowSharpes.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) / folds;
  const fit = regimeFit(definition, regimes, bestPair);
  const reasons = [
    `${definition.name} (${definition.style}, risk ${definition.riskLevel}, ${mode === 'per-symbol' ? 'one run per symbol' : 'one portfolio'}): mean Sharpe ${meanSharpe.toFixed(2)} over the last ${folds} windows of ${foldBars} bars at default parameters, ${positive} of ${folds} positive`,
    ...fit.reasons,
  ];
  return {
    strategy: definition.name,
    riskLevel: definition.riskLevel,
    windowSharpes,
    meanSharpe,
    positiveWindows: positive / folds,
    regimeFit: fit.score,
    score: meanSharpe + REGIME_WEIGHT * fit.score,
    reasons,
  };
}

/** Sharpe of the bar returns of an equity window: mean / sd (n − 1) × √periodsPerYear; 0 without variance. */
function annualizedSharpe(equity: Float64Array, periodsPerYear: number): number {
  const n = equity.length - 1;
  if (n < 2) return Number.NaN;
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const r = (equity[i] as number) / (equity[i - 1] as number) - 1;
    const delta = r - mean;
    mean += delta / i;
    m2 += delta * (r - mean);
  }
  const sd = Math.sqrt(m2 / (n - 1));
  return sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : 0;
}

/**
 * Regime fit rules (thresholds are the usual readings of each statistic):
 * - trend: +1 when the median ADX ≥ 25 (trending), −1 when ≤ 20 (no trend);
 * - mean-reversion: +1 when the median half-life ≤ 20 bars and median Hurst < 0.5, −1 when ADX ≥ 30;
 * - pairs: +1 when the best pair's Engle-Granger p < 0.05 with a half-life ≤ 30 bars, −1 when p ≥ 0.10;
 * - event: 0 (the regime says nothing about disclosed trades).
 */
function regimeFit(
  definition: StrategyDefinition,
  regimes: readonly SymbolRegime[],
  bestPair: PairRegime | null,
): { score: number; reasons: string[] } {
  const adx = median(regimes.map((r) => r.adx));
  const halfLife = median(regimes.map((r) => r.halfLife));
  const hurst = median(regimes.map((r) => r.hurst));
  switch (definition.style) {
    case 'trend':
      if (adx >= 25)
        return {
          score: 1,
          reasons: [`median ADX ${adx.toFixed(1)} ≥ 25: trending markets suit trend following`],
        };
      if (adx <= 20)
        return { score: -1, reasons: [`median ADX ${adx.toFixed(1)} ≤ 20: little trend to follow`] };
      return { score: 0, reasons: [`median ADX ${adx.toFixed(1)}: trend of moderate strength`] };
    case 'mean-reversion':
      if (adx >= 30)
        return {
          score: -1,
          reasons: [`median ADX ${adx.toFixed(1)} ≥ 30: strong trends run over mean-reversion entries`],
        };
      if (halfLife <= 20 && hurst < 0.5) {
        return {
          score: 1,
          reasons: [
            `median half-life ${halfLife.toFixed(1)} bars and Hurst ${hurst.toFixed(2)} < 0.5: prices revert`,
          ],
        };
      }
      return {
        score: 0,
        reasons: [`median half-life ${halfLife.toFixed(1)} bars, Hurst ${hurst.toFixed(2)}: weak reversion`],
      };
    case 'pairs':
      if (bestPair === null) return { score: -1, reasons: ['fewer than two symbols: no pair to trade'] };
      if (bestPair.pValue < 0.05 && bestPair.halfLife <= 30) {
        return {
          score: 1,
          reasons: [
            `${bestPair.y}/${bestPair.x} cointegrated (p ${bestPair.pValue.toFixed(3)}, half-life ${bestPair.halfLife.toFixed(1)} bars)`,
          ],
        };
      }
      if (bestPair.pValue >= 0.1)
        return { score: -1, reasons: [`no cointegrated pair (best p ${bestPair.pValue.toFixed(3)})`] };
      return {
        score: 0,
        reasons: [
          `best pair ${bestPair.y}/${bestPair.x} weakly cointegrated (p ${bestPair.pValue.toFixed(3)})`,
        ],
      };
    default:
      return { score: 0, reasons: ["the price regime says nothing about this strategy's signal"] };
  }
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
