import { InvalidInputError } from '../core/errors.js';
import { alignSeries } from '../data/align.js';
import type { BarSeries } from '../data/bar-series.js';
import type { VarMethod } from '../risk/metrics/var-methods.js';
import type { Store } from '../store/repositories.types.js';
import { analyzePortfolioRisk, SIGN_CONVENTION, type PortfolioAnalysis } from './analyze-risk.js';

export interface CurrentPortfolioRiskRequest {
  readonly confidences: readonly number[];
  readonly methods: readonly VarMethod[];
  /** Daily returns used: the last `lookback` common bars of the held symbols (default 252). */
  readonly lookback?: number;
  /** Account equity the weights are taken against; default Σ |market value| (weights of the gross book). */
  readonly equity?: number;
  readonly periodsPerYear?: number;
  readonly riskFreeRate?: number;
  readonly mcPaths?: number;
  readonly seed?: number;
}

export interface CurrentPortfolioRisk {
  readonly asOf: string;
  readonly positions: readonly {
    readonly symbol: string;
    readonly quantity: number;
    readonly price: number;
    readonly marketValue: number;
    readonly weight: number;
  }[];
  readonly equityBasis: 'equity' | 'gross market value';
  readonly observations: number;
  readonly signConvention: string;
  readonly var: PortfolioAnalysis['profile']['var'];
  readonly es: PortfolioAnalysis['profile']['es'];
  readonly componentVar: PortfolioAnalysis['profile']['positions'];
  readonly volatilityAnnualized: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly maxDrawdown: number;
  readonly concentration: PortfolioAnalysis['concentration'];
}

/**
 * Risk of the positions held now (the store's open positions, from paper or live trading), priced at the
 * last stored daily close of each symbol and measured on the returns of their common recent bars: the
 * weighted portfolio's VaR/ES by method, component VaR per position, volatility, Sharpe, Sortino, drawdown
 * and concentration. A clear error when nothing is held or a held symbol has no stored bars.
 */
export async function analyzeCurrentPortfolio(
  store: Store,
  request: CurrentPortfolioRiskRequest,
): Promise<CurrentPortfolioRisk> {
  const held = (await store.positions.list()).filter((p) => p.quantity !== 0);
  if (held.length === 0) {
    throw new InvalidInputError(
      'no open positions are stored: --portfolio current analyzes what paper or live trading holds',
    );
  }
  const bySymbol = new Map<string, number>();
  for (const p of held) bySymbol.set(p.instrumentId, (bySymbol.get(p.instrumentId) ?? 0) + p.quantity);
  const symbols = [...bySymbol.keys()].sort();
  const series: BarSeries[] = [];
  for (const symbol of symbols) {
    const bars = await store.bars.loadBars(symbol, '1d');
    if (bars.length < 3) {
      throw new InvalidInputError(
        `held symbol ${symbol} needs stored daily bars to measure its risk; it has ${bars.length}`,
      );
    }
    series.push(bars);
  }
  const aligned = alignSeries(series, { index: 'intersection' });
  const lookback = request.lookback ?? 252;
  const start = Math.max(0, aligned.ts.length - lookback - 1);
  const closes = aligned.close.map((c) => c.subarray(start));
  if ((closes[0]?.length ?? 0) < 3)
    throw new InvalidInputError('the held symbols share fewer than 3 daily bars');
  const assetReturns = closes.map((c) =>
    Float64Array.from({ length: c.length - 1 }, (_, t) => (c[t + 1] as number) / (c[t] as number) - 1),
  );
  const prices = closes.map((c) => c[c.length - 1] as number);
  const values = symbols.map((s, i) => (bySymbol.get(s) as number) * (prices[i] as number));
  const basis = request.equity ?? values.reduce((sum, v) => sum + Math.abs(v), 0);
  const weights = Float64Array.from(values, (v) => v / basis);
  const analysis = analyzePortfolioRisk({
    symbols,
    assetReturns,
    weights,
    confidences: request.confidences,
    methods: request.methods,
    monteCarlo: { paths: request.mcPaths ?? 10_000, seed: request.seed ?? 42 },
    periodsPerYear: request.periodsPerYear ?? 252,
    riskFreeRate: request.riskFreeRate ?? 0,
    minimumAcceptableReturn: 0,
  });
  return {
    asOf: new Date(aligned.ts[aligned.ts.length - 1] as number).toISOString(),
    positions: symbols.map((symbol, i) => ({
      symbol,
      quantity: bySymbol.get(symbol) as number,
      price: prices[i] as number,
      marketValue: values[i] as number,
      weight: weights[i] as number,
    })),
    equityBasis: request.equity === undefined ? 'gross market value' : 'equity',
    observations: analysis.profile.observations,
    signConvention: SIGN_CONVENTION,
    var: analysis.profile.var,
    es: analysis.profile.es,
    componentVar: analysis.profile.positions,
    volatilityAnnualized: analysis.volatilityAnnualized,
    sharpe: analysis.sharpe,
    sortino: analysis.sortino,
    maxDrawdown: analysis.drawdown.maxDrawdown,
    concentration: analysis.concentration,
  };
}
