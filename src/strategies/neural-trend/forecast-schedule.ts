import { InvalidInputError, quote } from '../../core/errors.js';
import type { SeriesForecaster } from '../../forecasting/series-forecaster.types.js';
import { hasMethod } from '../port-inputs.js';
import type { NeuralTrendConfig } from './config.js';
import { intervalLevels } from './trend-signal.js';

/**
 * The models of one walk-forward fold of one symbol. A decision at time t (a bar's close) may use the entry
 * with the latest `validFrom <= t`; its models were trained only on bars that closed by `trainedThrough`,
 * and `trainedThrough <= validFrom` is checked, so no model ever saw a bar closing after a decision it
 * informs.
 */
export interface ScheduledForecaster {
  /** Epoch ms from which decisions may use it: the close time of the fold's first bar. */
  readonly validFrom: number;
  /** Close time (epoch ms) of the last bar in its training data. */
  readonly trainedThrough: number;
  /** Forecasts the base timeframe (the strategy's bars). */
  readonly base: SeriesForecaster;
  /** Forecasts the higher timeframe (every `higherTimeframeBars`-th close); needed when higherWeight > 0. */
  readonly higher?: SeriesForecaster;
}

/** `inputs.forecasts`: per symbol, the folds in ascending `validFrom` order (walk-forward-schedule.ts builds it). */
export interface ForecastSchedule {
  /** Model name for logs and reports, e.g. `nhits`. */
  readonly name: string;
  /** Base bars per higher-timeframe bar the higher models were trained on; must equal the strategy's. */
  readonly higherTimeframeBars: number;
  readonly bySymbol: ReadonlyMap<string, readonly ScheduledForecaster[]>;
}

function checkForecaster(
  value: unknown,
  where: string,
  steps: number,
  config: Pick<NeuralTrendConfig, 'intervalLevel'>,
): void {
  if (!hasMethod(value, 'predict')) {
    throw new InvalidInputError(
      `${where} ${quote(value)} must be a SeriesForecaster (name, horizon, quantiles, inputSize, predict)`,
    );
  }
  const forecaster = value as unknown as SeriesForecaster;
  if (!(Number.isInteger(forecaster.horizon) && forecaster.horizon >= steps)) {
    throw new InvalidInputError(
      `${where} (${forecaster.name}) forecasts ${quote(forecaster.horizon)} steps; the strategy reads ${steps}`,
    );
  }
  if (!(Number.isInteger(forecaster.inputSize) && forecaster.inputSize >= 1)) {
    throw new InvalidInputError(
      `${where} (${forecaster.name}) inputSize ${quote(forecaster.inputSize)} must be an integer >= 1`,
    );
  }
  intervalLevels(forecaster.quantiles, config.intervalLevel, forecaster.name);
}

/**
 * Checks `inputs.forecasts` against the configuration (a wrong object is a wiring bug: it throws): every traded
 * symbol has a list (possibly empty: that symbol is never traded), `validFrom` ascends strictly, every entry
 * was trained through a time <= its validFrom (otherwise it would look ahead), and its models forecast enough
 * steps and the quantiles of the configured interval.
 */
export function asForecastSchedule(
  value: unknown,
  config: Pick<
    NeuralTrendConfig,
    'symbols' | 'horizon' | 'higherHorizon' | 'higherWeight' | 'higherTimeframeBars' | 'intervalLevel'
  >,
): ForecastSchedule {
  const schedule = value as Partial<ForecastSchedule> | null;
  if (
    typeof schedule !== 'object' ||
    schedule === null ||
    typeof schedule.name !== 'string' ||
    !(schedule.bySymbol instanceof Map)
  ) {
    throw new InvalidInputError(
      `inputs.forecasts ${quote(value)} must be a ForecastSchedule (name, higherTimeframeBars, bySymbol map)`,
    );
  }
  if (config.higherWeight > 0 && schedule.higherTimeframeBars !== config.higherTimeframeBars) {
    throw new InvalidInputError(
      `inputs.forecasts was trained on higher-timeframe bars of ${quote(schedule.higherTimeframeBars)} base bars; ` +
        `the strategy's higherTimeframeBars is ${quote(config.higherTimeframeBars)}`,
    );
  }
  const bySymbol = schedule.bySymbol as ReadonlyMap<string, unknown>;
  for (const symbol of config.symbols) {
    const listed = bySymbol.get(symbol);
    if (!Array.isArray(listed)) {
      throw new InvalidInputError(`inputs.forecasts has no walk-forward folds for symbol ${quote(symbol)}`);
    }
    const entries = listed as readonly ScheduledForecaster[];
    entries.forEach((entry, index) => {
      const where = `inputs.forecasts ${symbol} fold ${index}`;
      if (!(Number.isFinite(entry.validFrom) && Number.isFinite(entry.trainedThrough))) {
        throw new InvalidInputError(
          `${where}: validFrom ${quote(entry.validFrom)} and trainedThrough ${quote(entry.trainedThrough)} must be finite times`,
        );
      }
      if (entry.trainedThrough > entry.validFrom) {
        throw new InvalidInputError(
          `${where} was trained on bars through ${quote(entry.trainedThrough)}, after its validFrom ${quote(entry.validFrom)}: it would look ahead`,
        );
      }
      if (index > 0 && !(entry.validFrom > (entries[index - 1] as ScheduledForecaster).validFrom)) {
        throw new InvalidInputError(
          `${where}: validFrom ${quote(entry.validFrom)} must follow the previous fold's`,
        );
      }
      checkForecaster(entry.base, `${where} base forecaster`, config.horizon, config);
      if (config.higherWeight > 0) {
        checkForecaster(entry.higher, `${where} higher forecaster`, config.higherHorizon, config);
      }
    });
  }
  return schedule as ForecastSchedule;
}

/** Index of the entry with the latest validFrom <= t, or -1 when none is valid yet (binary search). */
export function activeFold(entries: readonly ScheduledForecaster[], t: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as ScheduledForecaster).validFrom <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
