import { describe, expect, it } from 'vitest';
import { neuralTrendConfigSchema } from './config.js';
import {
  activeFold,
  asForecastSchedule,
  type ForecastSchedule,
  type ScheduledForecaster,
} from './forecast-schedule.js';
import { RollingDriftForecaster } from './rolling-drift-forecaster.js';

const config = neuralTrendConfigSchema.parse({ symbols: ['AAA'], horizon: 3, higherHorizon: 2 });
const base = new RollingDriftForecaster(20, 3);
const higher = new RollingDriftForecaster(5, 2);

function entry(overrides: Partial<ScheduledForecaster> = {}): ScheduledForecaster {
  return { validFrom: 100, trainedThrough: 90, base, higher, ...overrides };
}

function schedule(
  entries: readonly ScheduledForecaster[],
  overrides: Partial<ForecastSchedule> = {},
): ForecastSchedule {
  return { name: 'drift', higherTimeframeBars: 5, bySymbol: new Map([['AAA', entries]]), ...overrides };
}

describe('asForecastSchedule', () => {
  it('accepts a well-formed schedule, and an empty fold list (that symbol is never traded)', () => {
    const valid = schedule([entry(), entry({ validFrom: 200, trainedThrough: 200 })]);
    expect(asForecastSchedule(valid, config)).toBe(valid);
    expect(asForecastSchedule(schedule([]), config).bySymbol.get('AAA')).toEqual([]);
  });

  it('refuses a fold trained on bars closing after its validFrom: it would look ahead', () => {
    expect(() => asForecastSchedule(schedule([entry({ trainedThrough: 101 })]), config)).toThrow(
      'inputs.forecasts AAA fold 0 was trained on bars through "101", after its validFrom "100": it would look ahead',
    );
  });

  it('refuses folds out of order, or with times that are not finite', () => {
    expect(() => asForecastSchedule(schedule([entry(), entry()]), config)).toThrow(
      'inputs.forecasts AAA fold 1: validFrom "100" must follow the previous fold\'s',
    );
    expect(() => asForecastSchedule(schedule([entry({ validFrom: Number.NaN })]), config)).toThrow(
      'must be finite times',
    );
  });

  it('refuses what is not a schedule, or lacks a traded symbol', () => {
    expect(() => asForecastSchedule('nhits', config)).toThrow(
      'inputs.forecasts "nhits" must be a ForecastSchedule',
    );
    expect(() => asForecastSchedule({ ...schedule([]), bySymbol: new Map([['BBB', []]]) }, config)).toThrow(
      'inputs.forecasts has no walk-forward folds for symbol "AAA"',
    );
  });

  it('refuses models that do not forecast what the strategy reads', () => {
    const short = new RollingDriftForecaster(20, 2);
    expect(() => asForecastSchedule(schedule([entry({ base: short })]), config)).toThrow(
      'inputs.forecasts AAA fold 0 base forecaster (drift) forecasts "2" steps; the strategy reads 3',
    );
    const narrow = new RollingDriftForecaster(20, 3, [0.25, 0.5, 0.75]);
    expect(() => asForecastSchedule(schedule([entry({ base: narrow })]), config)).toThrow(
      'intervalLevel "0.8" needs level "0.1"',
    );
    expect(() =>
      asForecastSchedule(schedule([entry({ base: { name: 'x' } as unknown as typeof base })]), config),
    ).toThrow('base forecaster {"name":"x"} must be a SeriesForecaster');
    const wrongInput = { ...base, predict: base.predict.bind(base), name: 'odd', inputSize: 0 };
    expect(() => asForecastSchedule(schedule([entry({ base: wrongInput })]), config)).toThrow(
      'base forecaster (odd) inputSize "0" must be an integer >= 1',
    );
  });

  it('needs higher-timeframe models trained on the same resample when the higher timeframe is weighted', () => {
    const { higher: _unused, ...noHigher } = entry();
    expect(() => asForecastSchedule(schedule([noHigher]), config)).toThrow(
      'inputs.forecasts AAA fold 0 higher forecaster undefined must be a SeriesForecaster',
    );
    expect(asForecastSchedule(schedule([noHigher]), { ...config, higherWeight: 0 })).toBeDefined();
    expect(() => asForecastSchedule(schedule([entry()], { higherTimeframeBars: 4 }), config)).toThrow(
      'inputs.forecasts was trained on higher-timeframe bars of "4" base bars; the strategy\'s higherTimeframeBars is "5"',
    );
  });
});

describe('activeFold', () => {
  it('picks the latest fold whose validFrom is at or before the decision time', () => {
    const entries = [10, 20, 30].map((validFrom) => entry({ validFrom, trainedThrough: validFrom }));
    expect([5, 10, 19, 20, 29, 30, 1e9].map((t) => activeFold(entries, t))).toEqual([-1, 0, 0, 1, 1, 2, 2]);
    expect(activeFold([], 50)).toBe(-1);
  });
});
