import { InvalidInputError, quote } from '../../core/errors.js';
import type { ForecasterFactory } from '../series-forecaster.types.js';
import { requireWholeNumber } from './baseline-checks.js';
import { DriftFactory } from './drift-forecaster.js';
import { MovingAverageFactory } from './moving-average-forecaster.js';
import { NaiveFactory } from './naive-forecaster.js';
import { SeasonalNaiveFactory } from './seasonal-naive-forecaster.js';

export const BASELINE_NAMES = ['naive', 'seasonal-naive', 'drift', 'moving-average'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

export interface BaselineFactoriesOptions {
  readonly horizon: number;
  /** Season length m of the seasonal naive. */
  readonly seasonLength: number;
  /** Window of the moving average; the season length by default (a season-long mean cancels the cycle). */
  readonly movingAverageWindow?: number | undefined;
  readonly quantiles?: readonly number[] | undefined;
}

/** One baseline by name (the CLI's `--model naive|seasonal-naive|drift|moving-average`). */
export function baselineFactory(name: BaselineName, options: BaselineFactoriesOptions): ForecasterFactory {
  if (!(BASELINE_NAMES as readonly string[]).includes(name))
    throw new InvalidInputError(`baseline ${quote(name)} must be one of ${BASELINE_NAMES.join(', ')}`);
  const { horizon, quantiles } = options;
  const seasonLength = requireWholeNumber('season length', options.seasonLength, 1);
  switch (name) {
    case 'naive':
      return new NaiveFactory({ horizon, quantiles });
    case 'seasonal-naive':
      return new SeasonalNaiveFactory({ horizon, seasonLength, quantiles });
    case 'drift':
      return new DriftFactory({ horizon, quantiles });
    case 'moving-average':
      return new MovingAverageFactory({
        horizon,
        window: options.movingAverageWindow ?? seasonLength,
        quantiles,
      });
  }
}

/** The four baselines every model is reported next to, in BASELINE_NAMES order. */
export function baselineFactories(options: BaselineFactoriesOptions): ForecasterFactory[] {
  return BASELINE_NAMES.map((name) => baselineFactory(name, options));
}
