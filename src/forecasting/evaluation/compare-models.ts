import { InvalidInputError, quote } from '../../core/errors.js';
import { baselineFactories } from '../baselines/baseline-factories.js';
import type { ForecastInput, ForecasterFactory } from '../series-forecaster.types.js';
import {
  evaluateRollingOrigin,
  resolveRollingOriginOptions,
  rollingOrigins,
  type RollingOriginOptions,
  type RollingOriginReport,
} from './rolling-origin.js';

export interface CompareModelsOptions extends RollingOriginOptions {
  /** Levels the baselines report; DEFAULT_QUANTILES by default (give the models' levels to compare pinball). */
  readonly quantiles?: readonly number[] | undefined;
  /** Window of the moving-average baseline; the season length by default. */
  readonly movingAverageWindow?: number | undefined;
}

export interface ModelComparison {
  /** The shared origins (index of each first forecast value), oldest first. */
  readonly origins: readonly number[];
  /** One report per model: the four baselines first, then the factories given, in order. */
  readonly reports: readonly RollingOriginReport[];
}

/**
 * Runs evaluateRollingOrigin for several models on the same series and origins, always next to the baselines
 * (naive, seasonal naive of `seasonLength`, drift, moving average), as the issue asks: a baseline is added
 * unless a factory of the same name is already given. Models run one after another, in order.
 */
export async function compareModels(
  factories: readonly ForecasterFactory[],
  input: ForecastInput,
  options: CompareModelsOptions,
): Promise<ModelComparison> {
  const resolved = resolveRollingOriginOptions(options);
  const names = new Set<string>();
  for (const factory of factories) {
    if (names.has(factory.name))
      throw new InvalidInputError(`model name ${quote(factory.name)} is given twice; names must be unique`);
    names.add(factory.name);
  }
  const baselines = baselineFactories({
    horizon: resolved.horizon,
    seasonLength: resolved.seasonLength,
    movingAverageWindow: options.movingAverageWindow,
    quantiles: options.quantiles,
  }).filter((baseline) => !names.has(baseline.name));
  const origins = rollingOrigins(input.target.length, resolved);
  const reports: RollingOriginReport[] = [];
  for (const factory of [...baselines, ...factories])
    reports.push(await evaluateRollingOrigin(factory, input, resolved));
  return { origins, reports };
}
