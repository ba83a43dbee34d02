import { describe, expect, it } from 'vitest';
import { asSentimentSource, checkReading } from '../port-inputs.js';
import { asForecaster, checkForecast } from './inputs.js';

describe('enhanced-momentum inputs', () => {
  it('accepts objects shaped like the ports and refuses others, quoting them', () => {
    const forecaster = { name: 'f', forecast: () => ({}) };
    expect(asForecaster(forecaster)).toBe(forecaster);
    expect(() => asForecaster({ name: 'f' })).toThrow('inputs.forecaster {"name":"f"} must be a Forecaster');
    expect(() => asForecaster(null)).toThrow('inputs.forecaster null');
    const source = { name: 's', sentimentAt: () => null };
    expect(asSentimentSource(source)).toBe(source);
    expect(() => asSentimentSource('news')).toThrow('inputs.sentiment "news" must be a SentimentSource');
  });

  it('checks forecasts: finite, 0 < lower <= upper, a confidence level in (0, 1)', () => {
    const good = { mean: 10, lower: 9, upper: 11, horizon: 1, confidenceLevel: 0.9 };
    expect(checkForecast(good, 'f')).toBe(good);
    for (const bad of [
      { ...good, mean: Number.NaN },
      { ...good, lower: 0 },
      { ...good, upper: 8 },
      { ...good, confidenceLevel: 1 },
    ]) {
      expect(() => checkForecast(bad, 'f')).toThrow('forecaster "f" returned');
    }
  });

  it('checks readings: a score in [-1, 1], an article, and nothing published after the decision time', () => {
    const reading = { score: -0.4, articles: 2, asOf: 1_000 };
    expect(checkReading(reading, 's', 1_000)).toBe(reading);
    expect(() => checkReading({ ...reading, score: 1.5 }, 's', 2_000)).toThrow('expected a score in [-1, 1]');
    expect(() => checkReading({ ...reading, articles: 0 }, 's', 2_000)).toThrow('articles >= 1');
    expect(checkReading({ ...reading, confidence: 1 }, 's', 1_000).confidence).toBe(1);
    expect(() => checkReading({ ...reading, confidence: 1.2 }, 's', 2_000)).toThrow(
      'confidence (when given) in [0, 1]',
    );
    expect(() => checkReading(reading, 's', 999)).toThrow(
      'sentiment source "s" returned a reading as of "1000", after the decision time "999": it would look ahead',
    );
  });
});
