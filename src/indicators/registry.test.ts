import { describe, expect, it } from 'vitest';
import { BarSeries } from '../data/bar-series.js';
import { bollingerBands } from './bollinger-bands.js';
import { macd } from './macd.js';
import { computeIndicators, INDICATORS, parseIndicatorRequest } from './registry.js';
import { sma } from './sma.js';
import { stochastic } from './stochastic.js';

function bars(n: number): BarSeries {
  const series = BarSeries.allocate('T', '1d', n);
  for (let i = 0; i < n; i++) {
    const close = 100 + 10 * Math.sin(i / 7) + i * 0.1;
    series.ts[i] = i * 86_400_000;
    series.open[i] = close - 0.5;
    series.high[i] = close + 1;
    series.low[i] = close - 1;
    series.close[i] = close;
    series.volume[i] = 1000 + i;
  }
  return series;
}

describe('indicator registry', () => {
  it('names output columns as the CLI spec says', () => {
    expect(parseIndicatorRequest('sma:20').columns).toEqual(['sma_20']);
    expect(parseIndicatorRequest('macd:12:26:9').columns).toEqual([
      'macd_12_26_9',
      'macd_signal_12_26_9',
      'macd_hist_12_26_9',
    ]);
    expect(parseIndicatorRequest('bbands:20:2').columns.slice(0, 3)).toEqual([
      'bbands_upper_20_2',
      'bbands_middle_20_2',
      'bbands_lower_20_2',
    ]);
    expect(parseIndicatorRequest('stoch:14:3').columns).toEqual(['stoch_k_14_3', 'stoch_d_14_3']);
    expect(parseIndicatorRequest('RSI').columns).toEqual(['rsi_14']);
    expect(parseIndicatorRequest('obv').columns).toEqual(['obv']);
  });

  it('fills parameters that were not written with the defaults', () => {
    expect(parseIndicatorRequest('stoch:14:3').parameters).toEqual([14, 3, 3]);
    expect(parseIndicatorRequest('macd').parameters).toEqual([12, 26, 9]);
  });

  it('refuses an unknown name, a bad parameter and too many parameters, naming each', () => {
    expect(() => parseIndicatorRequest('foo:3')).toThrow('unknown indicator "foo"');
    expect(() => parseIndicatorRequest('sma:0')).toThrow(
      'sma period "0" must be an integer between 1 and 100000',
    );
    expect(() => parseIndicatorRequest('sma:2.5')).toThrow('sma period "2.5"');
    expect(() => parseIndicatorRequest('bbands:20:x')).toThrow('bbands deviations "x"');
    expect(() => parseIndicatorRequest('rsi:14:3')).toThrow('rsi takes at most 1 parameter(s)');
  });

  it('computes exactly what the kernels compute', () => {
    const series = bars(120);
    const requests = ['sma:20', 'macd:12:26:9', 'bbands:20:2', 'stoch:14:3'].map(parseIndicatorRequest);
    const { names, columns } = computeIndicators(series, requests);
    expect(names.slice(0, 4)).toEqual(['sma_20', 'macd_12_26_9', 'macd_signal_12_26_9', 'macd_hist_12_26_9']);
    expect(columns[0]).toEqual(sma(series.close, 20));
    expect(columns[2]).toEqual(macd(series.close, 12, 26, 9).signal);
    expect(columns[4]).toEqual(bollingerBands(series.close, 20, 2).upper);
    expect(columns[names.indexOf('stoch_d_14_3')]).toEqual(
      stochastic(series.high, series.low, series.close, 14, 3, 3).d,
    );
  });

  it('computes every registered indicator with its defaults into full-length columns', () => {
    const series = bars(300);
    for (const name of INDICATORS.keys()) {
      const request = parseIndicatorRequest(name);
      const { columns } = computeIndicators(series, [request]);
      expect(columns).toHaveLength(request.columns.length);
      for (const column of columns) {
        expect(column).toHaveLength(300);
        expect(
          column.some((v) => Number.isFinite(v)),
          name,
        ).toBe(true);
      }
    }
  });
});
