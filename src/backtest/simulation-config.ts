import type { InstrumentId } from '../core/ids.js';
import type { Instrument } from '../model/instrument.js';
import type { BarSeries } from '../data/bar-series.js';
import type { RiskLevel } from '../model/risk-level.js';
import type { RiskConfigInput } from '../risk/pre-trade/risk-config.js';
import { fromPreset } from '../risk/presets.js';
import type { RiskAuditEntry } from '../risk/risk-audit.types.js';
import { RiskEngine } from '../risk/risk-engine.js';
import { RiskAuditBuffer } from '../risk/state/risk-audit-buffer.js';
import { strategyDefinition, type StrategyInputs } from '../strategies/registry.js';
import { runBacktestEngine, type BacktestEngineResult } from './backtest-engine.js';
import type { FillTiming } from './backtest.types.js';
import { combineEquityCurves } from './combine-equity-curves.js';
import type { FillReport } from './exchange/exchange.types.js';
import { composeFees, noFees, percentFee, perOrderFee, type FeeModel } from './exchange/fees.js';
import { fixedBpsSlippage, noSlippage } from './exchange/slippage.js';
import { benchmarkReturns } from './metrics/benchmark-returns.js';
import { computeBacktestMetrics, periodsPerYearFor, type BacktestMetrics } from './metrics/index.js';

/** How a strategy is simulated: sizing shortcuts, costs, fill timing, account. All optional. */
export interface SimulationSettings {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly cash?: number;
  /** Shortcuts for the strategy's `quantity` / `percentOfEquity` parameters. */
  readonly quantity?: number;
  readonly percentEquity?: number;
  readonly commissionPerOrder?: number;
  readonly commissionBps?: number;
  readonly slippageBps?: number;
  readonly fill?: FillTiming;
  /** Gross exposure per unit of equity (1 = cash account; pairs and shorts need more). */
  readonly maxLeverage?: number;
  readonly riskFreeRate?: number;
  readonly benchmark?: BarSeries;
  /** Inputs beyond bars (forecaster, sentiment, disclosures) for strategies that use them. */
  readonly inputs?: StrategyInputs;
  /** Pre-trade risk limits: a preset by risk level or a full configuration (default: no rules). */
  readonly risk?: RiskLevel | RiskConfigInput;
  /** Instruments of the series when known: lot / tick sizes for the exchange and the lot-tick rule. */
  readonly instruments?: ReadonlyMap<InstrumentId, Instrument>;
}

export interface SimulationOutcome {
  readonly params: Readonly<Record<string, unknown>>;
  readonly fillTiming: FillTiming;
  readonly cash: number;
  readonly result: BacktestEngineResult;
  readonly metrics: BacktestMetrics;
  readonly warnings: readonly string[];
  /** The risk engine's denials, state transitions and violations during the run, oldest first. */
  readonly riskAudit: readonly RiskAuditEntry[];
}

/** Starting cash when the settings give none. */
export const DEFAULT_SIMULATION_CASH = 1_000_000;

/**
 * Builds the named strategy for the series, runs the engine and computes the metrics. No I/O. The one
 * implementation behind app/'s simulateStrategy (backtest, compare, recommend) and the optimizer's trials,
 * so a trial and a backtest with the same settings give the same numbers.
 */
export function runSimulation(
  strategyName: string,
  series: readonly BarSeries[],
  settings: SimulationSettings = {},
): SimulationOutcome {
  const first = series[0];
  if (first === undefined) throw new Error('simulateStrategy needs at least one series');
  const params = {
    ...(settings.quantity === undefined ? {} : { quantity: settings.quantity }),
    ...(settings.percentEquity === undefined ? {} : { percentOfEquity: settings.percentEquity }),
    ...settings.params,
  };
  const strategy = strategyDefinition(strategyName).create(
    params,
    { symbols: series.map((s) => s.symbol), timeframe: first.timeframe },
    settings.inputs,
  );
  const cash = settings.cash ?? DEFAULT_SIMULATION_CASH;
  const fillTiming = settings.fill ?? 'next-open';
  const audit = new RiskAuditBuffer();
  const riskConfig =
    settings.risk === undefined
      ? {}
      : typeof settings.risk === 'string'
        ? fromPreset(settings.risk)
        : settings.risk;
  const result = runBacktestEngine({
    series,
    strategy,
    risk: new RiskEngine(riskConfig, { audit }),
    startingCash: cash,
    maxLeverage: settings.maxLeverage ?? 1,
    exchange: {
      fillTiming,
      fees: feeModel(settings),
      slippage: settings.slippageBps === undefined ? noSlippage : fixedBpsSlippage(settings.slippageBps),
      ...(settings.instruments === undefined ? {} : { instruments: settings.instruments }),
    },
  });
  const metrics = measureBacktest(result, series, cash, settings);
  return {
    params,
    fillTiming,
    cash,
    result,
    metrics,
    warnings: warningsFor(fillTiming, result),
    riskAudit: audit.drain(),
  };
}

/** What the metrics need from a run (one engine result, or several sub-accounts combined). */
export type MeasuredRun = Pick<
  BacktestEngineResult,
  'equity' | 'trades' | 'tradedNotional' | 'fees' | 'slippage'
>;

/** One strategy's run over a universe of series: one portfolio run, or one run per symbol summed. */
export interface UniverseRun {
  readonly mode: 'portfolio' | 'per-symbol';
  readonly run: MeasuredRun;
  /** Every fill's report, each sub-account's in turn (per-symbol) or in fill order (portfolio). */
  readonly fillReports: readonly FillReport[];
  readonly finalEquity: number;
}

/**
 * Runs a strategy over a universe. When the strategy trades as many symbols as there are series it is one
 * portfolio run. Otherwise (a single-symbol strategy over ten symbols) each symbol gets its own sub-account
 * with an equal share of the cash, cash / n, and the book is their sum (combineEquityCurves): trades, fills,
 * notional, fees and slippage are the sub-accounts' together.
 */
export function simulateOnUniverse(
  strategyName: string,
  series: readonly BarSeries[],
  settings: SimulationSettings = {},
): UniverseRun {
  const cash = settings.cash ?? DEFAULT_SIMULATION_CASH;
  if (strategyDefinition(strategyName).symbols.max >= series.length) {
    const { result } = runSimulation(strategyName, series, settings);
    return {
      mode: 'portfolio',
      run: result,
      fillReports: result.fillReports,
      finalEquity: result.finalEquity,
    };
  }
  const share = cash / series.length;
  const runs = series.map((s) => runSimulation(strategyName, [s], { ...settings, cash: share }).result);
  const equity = combineEquityCurves(
    runs.map((r) => r.equity),
    runs.map(() => share),
  );
  return {
    mode: 'per-symbol',
    run: {
      equity,
      trades: runs.flatMap((r) => r.trades),
      tradedNotional: runs.reduce((sum, r) => sum + r.tradedNotional, 0),
      fees: runs.reduce((sum, r) => sum + r.fees, 0),
      slippage: runs.reduce((sum, r) => sum + r.slippage, 0),
    },
    fillReports: runs.flatMap((r) => r.fillReports),
    finalEquity: equity.equity.length === 0 ? cash : (equity.equity[equity.equity.length - 1] as number),
  };
}

/** The run's metrics: timeframe and start from the series, benchmark and risk-free rate from the settings. */
export function measureBacktest(
  run: MeasuredRun,
  series: readonly BarSeries[],
  startingEquity: number,
  settings: Pick<SimulationSettings, 'benchmark' | 'riskFreeRate'>,
): BacktestMetrics {
  const first = series[0];
  if (first === undefined) throw new Error('measureBacktest needs at least one series');
  return computeBacktestMetrics({
    equity: run.equity,
    ...(settings.benchmark === undefined
      ? {}
      : { benchmarkReturns: benchmarkReturns(settings.benchmark, run.equity.ts) }),
    ...(settings.riskFreeRate === undefined ? {} : { riskFreeRate: settings.riskFreeRate }),
    trades: run.trades,
    periodsPerYear: periodsPerYearFor(first.timeframe),
    startingEquity,
    startTs: Math.min(...series.map((s) => s.firstTs)),
    tradedNotional: run.tradedNotional,
    fees: run.fees,
    slippage: run.slippage,
  });
}

function feeModel(settings: SimulationSettings): FeeModel {
  const models: FeeModel[] = [];
  if (settings.commissionPerOrder !== undefined) models.push(perOrderFee(settings.commissionPerOrder));
  if (settings.commissionBps !== undefined) models.push(percentFee(settings.commissionBps / 100));
  if (models.length === 0) return noFees;
  return models.length === 1 ? (models[0] as FeeModel) : composeFees(...models);
}

function warningsFor(fillTiming: FillTiming, result: BacktestEngineResult): string[] {
  const warnings: string[] = [];
  if (fillTiming === 'close') {
    warnings.push(
      `${result.lookAheadFills} fills at the decision bar's own close (--fill close): look-ahead-prone`,
    );
  }
  if (result.deniedOrders > 0) {
    warnings.push(`${result.deniedOrders} orders denied by the risk limits (see the risk audit log)`);
  }
  if (result.ambiguities.length > 0) {
    warnings.push(
      `${result.ambiguities.length} bars where both a stop and a target could have filled; resolved by the intrabar path rule`,
    );
  }
  return warnings;
}
