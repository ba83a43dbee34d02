import { describe, expect, it } from 'vitest';
import { neuralTrendDefinition } from './definition.js';
import type { NeuralTrendStrategy } from './strategy.js';

const universe = { symbols: ['AAA', 'BBB'], timeframe: '1h' as const };
const create = (params: Record<string, unknown>, inputs = {}) =>
  neuralTrendDefinition.create(params, universe, inputs) as NeuralTrendStrategy;

describe('neural-trend parameters', () => {
  it('takes the symbols and timeframe from the universe and documents its defaults', () => {
    const strategy = create({});
    expect(strategy.config).toMatchObject({
      symbols: ['AAA', 'BBB'],
      timeframe: '1h',
      horizon: 5,
      higherTimeframeBars: 5,
      higherHorizon: 2,
      higherWeight: 0.5,
      trainWindow: 250,
      retrainEvery: 50,
      intervalLevel: 0.8,
      entryThreshold: 0.5,
      exitThreshold: 0.1,
      fullSizeZ: 2,
      maxPositionPercent: 100,
      rebalanceBand: 0.25,
      forecastEvery: 1,
      allowShort: false,
      fractional: false,
    });
    const schema = neuralTrendDefinition.parametersJsonSchema();
    const properties = schema.properties as Record<string, { default?: unknown }>;
    expect(properties['retrainEvery']?.default).toBe(50);
    expect(neuralTrendDefinition.style).toBe('trend');
  });

  it('refuses bad parameters, naming the field and quoting the value', () => {
    expect(() => create({ retrainEvery: 0 })).toThrow(/neural-trend parameter retrainEvery "0": Too small/);
    expect(() => create({ horizon: 1.5 })).toThrow(/neural-trend parameter horizon "1.5"/);
    expect(() => create({ intervalLevel: 1 })).toThrow(/neural-trend parameter intervalLevel "1"/);
    expect(() => create({ trainWindow: 10 })).toThrow(/neural-trend parameter trainWindow "10"/);
    expect(() => create({ retrain: 5 })).toThrow(/retrain/);
    expect(() => create({ entryThreshold: 0.2, exitThreshold: 0.3 })).toThrow(
      'neural-trend parameter exitThreshold "0.3": must be <= entryThreshold (0.2)',
    );
    expect(() => create({ trainWindow: 30, higherTimeframeBars: 20 })).toThrow(
      'neural-trend parameter trainWindow "30": must be >= 2 × higherTimeframeBars + 1 (41): the higher timeframe needs 3 bars',
    );
  });

  it('refuses a forecasts input that is not a walk-forward schedule', () => {
    expect(() => create({}, { forecasts: { name: 'nhits' } })).toThrow(
      'inputs.forecasts {"name":"nhits"} must be a ForecastSchedule',
    );
  });
});
