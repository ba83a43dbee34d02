import type { BarSeries } from '../data/bar-series.js';
import {
  runSimulation,
  type SimulationOutcome,
  type SimulationSettings,
} from '../backtest/simulation-config.js';

export {
  measureBacktest,
  type MeasuredRun,
  type SimulationOutcome,
  type SimulationSettings,
} from '../backtest/simulation-config.js';

/**
 * Builds the named strategy for the series, runs the engine and computes the metrics. No I/O. The use case's
 * name for backtest/simulation-config's runSimulation, which the optimizer's trials share.
 */
export function simulateStrategy(
  strategyName: string,
  series: readonly BarSeries[],
  settings: SimulationSettings = {},
): SimulationOutcome {
  return runSimulation(strategyName, series, settings);
}
