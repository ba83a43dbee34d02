import { InvalidInputError, quote } from '../../core/errors.js';
import type { BarSeries } from '../../data/bar-series.js';
import type { ForecasterFactory, SeriesForecaster } from '../../forecasting/series-forecaster.types.js';
import { timeframeMs } from '../../model/timeframe.js';
import type { WalkForwardSettings } from './config.js';
import type { ForecastSchedule, ScheduledForecaster } from './forecast-schedule.js';
import { higherBarCount, sampleEvery } from './higher-timeframe.js';

/**
 * One walk-forward fold of a series: its models are trained on bars [trainStart, start) and decide bars
 * start .. start + retrainEvery − 1. Times are bar close times (open time + timeframe).
 */
export interface WalkForwardFold {
  readonly index: number;
  readonly trainStart: number;
  readonly start: number;
  /** Close time of bar `start`, the fold's first decision. */
  readonly validFrom: number;
  /** Close time of bar `start − 1`, the last bar trained on. */
  readonly trainedThrough: number;
}

/**
 * Folds start at bar trainWindow, then every retrainEvery bars: start_k = trainWindow + k × retrainEvery. They
 * are counted from the series' first bar, never from its end, so the folds of a series cut short are the
 * leading folds of the full series (the no-look-ahead test relies on it).
 */
export function walkForwardFolds(
  series: BarSeries,
  settings: Pick<WalkForwardSettings, 'trainWindow' | 'retrainEvery'>,
): WalkForwardFold[] {
  const width = timeframeMs(series.timeframe);
  const folds: WalkForwardFold[] = [];
  for (let start = settings.trainWindow; start < series.length; start += settings.retrainEvery) {
    folds.push({
      index: folds.length,
      trainStart: start - settings.trainWindow,
      start,
      validFrom: (series.ts[start] as number) + width,
      trainedThrough: (series.ts[start - 1] as number) + width,
    });
  }
  return folds;
}

/** The models to fit per fold: `base` on the fold's closes, `higher` on their higher-timeframe resample. */
export interface WalkForwardFactories {
  readonly base: ForecasterFactory;
  /** Required when higherWeight > 0. */
  readonly higher?: ForecasterFactory;
}

export interface WalkForwardProgress {
  readonly symbol: string;
  /** Folds finished for this symbol, and its total. */
  readonly fold: number;
  readonly folds: number;
}

/** Frees every model of the schedule that can be freed (NeuralForecaster.dispose); call after the run. */
export function disposeSchedule(schedule: ForecastSchedule): void {
  for (const entries of schedule.bySymbol.values()) {
    for (const entry of entries) {
      for (const model of [entry.base, entry.higher]) {
        (model as (SeriesForecaster & { dispose?: () => void }) | undefined)?.dispose?.();
      }
    }
  }
}

/**
 * Pre-trains neural-trend's walk-forward schedule before a backtest (training is asynchronous; a strategy is
 * not). For each series and fold (walkForwardFolds) it fits `factories.base` on the closes of bars
 * [trainStart, start) (a copy: the model never sees a later bar) and, when the higher timeframe is weighted,
 * `factories.higher` on every higherTimeframeBars-th of those closes ending at bar start − 1. Folds run one
 * after another in series order, so seeded factories give the same schedule on every run. Pure apart from
 * the factories' work: no I/O. On a failure the models trained so far are disposed and the error rethrown.
 */
export async function buildWalkForwardSchedule(
  series: readonly BarSeries[],
  factories: WalkForwardFactories,
  settings: WalkForwardSettings,
  onProgress?: (progress: WalkForwardProgress) => void,
): Promise<ForecastSchedule> {
  const useHigher = settings.higherWeight > 0;
  if (useHigher && factories.higher === undefined) {
    throw new InvalidInputError(
      `higherWeight ${quote(settings.higherWeight)} needs a higher-timeframe model factory (or set higherWeight=0)`,
    );
  }
  const bySymbol = new Map<string, ScheduledForecaster[]>();
  const schedule: ForecastSchedule = {
    name: factories.base.name,
    higherTimeframeBars: settings.higherTimeframeBars,
    bySymbol,
  };
  try {
    for (const s of series) {
      if (s.timeframe !== settings.timeframe) {
        throw new InvalidInputError(
          `series ${quote(s.symbol)} has timeframe ${quote(s.timeframe)}; the strategy trades ${quote(settings.timeframe)}`,
        );
      }
      const entries: ScheduledForecaster[] = [];
      bySymbol.set(s.symbol, entries);
      const folds = walkForwardFolds(s, settings);
      for (const fold of folds) {
        const base = await factories.base.fit({ target: s.close.slice(fold.trainStart, fold.start) });
        const entry: { -readonly [K in keyof ScheduledForecaster]: ScheduledForecaster[K] } = {
          validFrom: fold.validFrom,
          trainedThrough: fold.trainedThrough,
          base,
        };
        entries.push(entry);
        if (useHigher) {
          const every = settings.higherTimeframeBars;
          const count = higherBarCount(fold.trainStart, fold.start - 1, every);
          const target = sampleEvery(s.close, fold.start - 1, every, count);
          entry.higher = await (factories.higher as ForecasterFactory).fit({ target });
        }
        onProgress?.({ symbol: s.symbol, fold: fold.index + 1, folds: folds.length });
      }
    }
  } catch (error) {
    disposeSchedule(schedule);
    throw error;
  }
  return schedule;
}
