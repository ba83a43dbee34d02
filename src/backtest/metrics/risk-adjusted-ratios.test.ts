import { describe, expect, it } from 'vitest';
import { calmarRatio, downsideDeviation, sharpeRatio, sortinoRatio } from './risk-adjusted-ratios.js';
import { TEN_BAR_RETURNS, TEN_BAR_SCALE } from './ten-bar-series.fixture.js';

const returns = Float64Array.from(TEN_BAR_RETURNS);

describe('sharpeRatio', () => {
  it('matches the hand-worked arithmetic Sharpe of the ten-bar series', () => {
    expect(sharpeRatio(returns, TEN_BAR_SCALE)).toBeCloseTo(Math.sqrt(25.2), 12);
    expect(sharpeRatio(returns, TEN_BAR_SCALE)).toBeCloseTo(5.019960159204453, 12);
  });

  it('subtracts the per-period risk-free rate from the mean', () => {
    // (0.007 − 0.001) × 252 / (√0.00049 × √252)
    const expected = (0.006 * 252) / (Math.sqrt(0.00049) * Math.sqrt(252));
    expect(sharpeRatio(returns, TEN_BAR_SCALE, 0.001)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(4.302822993603817, 12);
  });

  it('uses the geometric annualized excess return in the geometric method', () => {
    const volatility = Math.sqrt(0.00049) * Math.sqrt(252);
    let growth = 1;
    for (const r of TEN_BAR_RETURNS) growth *= 1 + r;
    expect(sharpeRatio(returns, TEN_BAR_SCALE, 0, 'geometric')).toBeCloseTo(
      (Math.pow(growth, 25.2) - 1) / volatility,
      10,
    );
    expect(sharpeRatio(returns, TEN_BAR_SCALE, 0, 'geometric')).toBeCloseTo(12.77624922575501, 10);
    let excessGrowth = 1;
    for (const r of TEN_BAR_RETURNS) excessGrowth *= 1 + r - 0.001;
    expect(sharpeRatio(returns, TEN_BAR_SCALE, 0.001, 'geometric')).toBeCloseTo(
      (Math.pow(excessGrowth, 25.2) - 1) / volatility,
      10,
    );
  });

  it('is NaN for flat returns even with a risk-free rate, and for a single return', () => {
    expect(sharpeRatio(new Float64Array(10), 252)).toBeNaN();
    expect(sharpeRatio(new Float64Array(10), 252, 0.001)).toBeNaN();
    expect(sharpeRatio(Float64Array.of(0.01), 252)).toBeNaN();
  });
});

describe('downsideDeviation', () => {
  it('divides the squared shortfalls by the full count', () => {
    expect(downsideDeviation(returns)).toBeCloseTo(Math.sqrt(0.0014 / 10), 15);
    // MAR 0.01: r − 0.01 = 0.01, −0.02, 0.02, −0.03, 0, −0.01, 0.03, −0.04, 0.01, 0 → (4 + 9 + 1 + 16)e-4 / 10.
    expect(downsideDeviation(returns, 0.01)).toBeCloseTo(Math.sqrt(0.003 / 10), 15);
  });

  it('is NaN without returns and 0 without shortfalls', () => {
    expect(downsideDeviation(new Float64Array(0))).toBeNaN();
    expect(downsideDeviation(Float64Array.of(0.01, 0))).toBe(0);
  });
});

describe('sortinoRatio', () => {
  it('matches the hand-worked Sortino of the ten-bar series, annualized by √scale', () => {
    expect(sortinoRatio(returns, TEN_BAR_SCALE)).toBeCloseTo(Math.sqrt(88.2), 12);
    expect(sortinoRatio(returns, TEN_BAR_SCALE)).toBeCloseTo(9.391485505499118, 12);
    expect(sortinoRatio(returns, 1)).toBeCloseTo(Math.sqrt(0.35), 14);
  });

  it('measures against the minimum acceptable return', () => {
    // mean(r − 0.01) = −0.003; downside deviation √0.0003.
    expect(sortinoRatio(returns, 1, 0.01)).toBeCloseTo(-0.003 / Math.sqrt(0.0003), 14);
  });

  it('is NaN when no return falls below the minimum', () => {
    expect(sortinoRatio(Float64Array.of(0.01, 0.02), 252)).toBeNaN();
    expect(sortinoRatio(new Float64Array(0), 252)).toBeNaN();
  });
});

describe('calmarRatio', () => {
  it('divides the annualized return by the max drawdown', () => {
    expect(calmarRatio(0.3, 0.15)).toBeCloseTo(2, 15);
    expect(calmarRatio(-0.1, 0.5)).toBeCloseTo(-0.2, 15);
  });

  it('is NaN without a drawdown', () => {
    expect(calmarRatio(0.3, 0)).toBeNaN();
  });
});
