import { describe, expect, it } from 'vitest';
import { BACKTEST_METRIC_NAMES, computeBacktestMetrics } from './backtest-metrics.js';
import { metricsFromJson, metricsToJson } from './metrics-json.js';
import { tradeRecord } from './trade-record.fixture.js';

function sampleMetrics() {
  const equity = Float64Array.of(100, 101, 99, 103);
  return computeBacktestMetrics({
    equity: { ts: Float64Array.of(1, 2, 3, 4), equity, cash: equity, grossExposure: new Float64Array(4) },
    trades: [tradeRecord(10), tradeRecord(5)], // no loss: profit factor Infinity
    periodsPerYear: 252,
    startingEquity: 100,
  });
}

describe('metricsToJson', () => {
  it('writes NaN as null and infinities as strings', () => {
    const metrics = sampleMetrics();
    const json = metricsToJson(metrics);
    expect(json.profitFactor).toBe('Infinity');
    expect(json.alpha).toBeNull(); // no benchmark
    expect(json.averageLoss).toBeNull();
    expect(json.totalReturn).toBe(metrics.totalReturn);
    expect(metricsToJson({ ...metrics, largestLoss: Number.NEGATIVE_INFINITY }).largestLoss).toBe(
      '-Infinity',
    );
  });

  it('survives JSON text and reads back bit-identically', () => {
    const metrics = sampleMetrics();
    const restored = metricsFromJson(
      JSON.parse(JSON.stringify(metricsToJson(metrics))) as Record<string, unknown>,
    );
    for (const name of BACKTEST_METRIC_NAMES)
      expect(Object.is(restored[name], metrics[name]), name).toBe(true);
    expect(restored.largestLoss).toBeNaN();
    const negative = metricsToJson({ ...metrics, largestLoss: Number.NEGATIVE_INFINITY });
    expect(metricsFromJson(negative).largestLoss).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('metricsFromJson', () => {
  it('refuses a missing or malformed value', () => {
    const json = { ...metricsToJson(sampleMetrics()) } as Record<string, unknown>;
    expect(() => metricsFromJson({ ...json, beta: 'NaN' })).toThrow(
      'metric "beta" value "NaN" must be a finite number, null, "Infinity" or "-Infinity"',
    );
    delete json.bars;
    expect(() => metricsFromJson(json)).toThrow('metric "bars" value undefined must be a finite number');
  });
});
