import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EquityCurve, TradeRecord } from '../backtest.types.js';
import { BACKTEST_METRIC_NAMES, computeBacktestMetrics } from './backtest-metrics.js';
import type { BacktestMetricName, BacktestMetrics } from './backtest-metrics.js';
import {
  DAY_MS,
  TEN_BAR_RETURNS,
  TEN_BAR_SCALE,
  TEN_BAR_START,
  tenBarEquity,
  tenBarTimestamps,
} from './ten-bar-series.fixture.js';
import { tradeRecord } from './trade-record.fixture.js';

function curve(
  equity: Float64Array,
  grossExposure: Float64Array = new Float64Array(equity.length),
  ts?: Float64Array,
): EquityCurve {
  return {
    ts: ts ?? Float64Array.from(equity, (_, t) => (t + 1) * DAY_MS),
    equity,
    cash: equity.map((level, t) => level - (grossExposure[t] as number)),
    grossExposure,
  };
}

function tenBarCurve(): EquityCurve {
  const equity = tenBarEquity();
  // Invested fully on even bars, flat on odd ones.
  const exposure = equity.map((level, t) => (t % 2 === 0 ? level : 0));
  return curve(equity, exposure, tenBarTimestamps());
}

describe('computeBacktestMetrics', () => {
  it('reproduces the hand-worked ten-bar figures', () => {
    const equityCurve = tenBarCurve();
    const firstTs = equityCurve.ts[0] as number;
    const metrics = computeBacktestMetrics({
      equity: equityCurve,
      trades: [tradeRecord(40), tradeRecord(-20), tradeRecord(5, { open: true })],
      periodsPerYear: TEN_BAR_SCALE,
      startingEquity: TEN_BAR_START,
      startTs: firstTs - DAY_MS,
      tradedNotional: 2000,
      fees: 3,
      slippage: 1.5,
    });
    const growth = 1.0699085537513493;
    const volatility = Math.sqrt(0.00049) * Math.sqrt(252);
    expect(metrics.bars).toBe(10);
    expect(metrics.finalEquity).toBeCloseTo(100 * growth, 11);
    expect(metrics.netProfit).toBeCloseTo(100 * growth - 100, 11);
    expect(metrics.totalReturn).toBeCloseTo(growth - 1, 13);
    expect(metrics.annualizedReturn).toBeCloseTo(Math.pow(growth, 25.2) - 1, 10);
    expect(metrics.annualizedVolatility).toBeCloseTo(volatility, 13);
    expect(metrics.riskFreeRate).toBe(0);
    expect(metrics.sharpeRatio).toBeCloseTo(Math.sqrt(25.2), 11);
    expect(metrics.geometricSharpeRatio).toBeCloseTo(12.77624922575501, 9);
    expect(metrics.sortinoRatio).toBeCloseTo(Math.sqrt(88.2), 11);
    expect(metrics.annualizedDownsideDeviation).toBeCloseTo(Math.sqrt(0.00014 * 252), 13);
    expect(metrics.calmarRatio).toBeCloseTo(149.6512782271661, 8);
    expect(metrics.maxDrawdown).toBeCloseTo(0.03, 13);
    expect(metrics.maxDrawdownAmount).toBeCloseTo(3.211993328544, 10);
    expect(metrics.maxDrawdownPeakTs).toBe(firstTs + 6 * DAY_MS);
    expect(metrics.maxDrawdownTroughTs).toBe(firstTs + 7 * DAY_MS);
    expect(metrics.maxDrawdownRecoveryTs).toBeNaN();
    expect(metrics.maxDrawdownDurationBars).toBe(3);
    expect(metrics.maxDrawdownDurationMs).toBe(3 * DAY_MS);
    expect(metrics.longestDrawdownBars).toBe(4);
    expect(metrics.longestDrawdownMs).toBe(4 * DAY_MS);
    expect(metrics.alpha).toBeNaN();
    expect(metrics.beta).toBeNaN();
    expect(metrics.closedTrades).toBe(2);
    expect(metrics.openTrades).toBe(1);
    expect(metrics.winRate).toBe(0.5);
    expect(metrics.profitFactor).toBe(2);
    expect(metrics.expectancy).toBe(10);
    expect(metrics.timeInMarket).toBe(0.5);
    expect(metrics.averageGrossExposure).toBe(0.5);
    const averageEquity = tenBarEquity().reduce((sum, level) => sum + level, 0) / 10;
    expect(metrics.tradedNotional).toBe(2000);
    expect(metrics.annualizedTurnover).toBeCloseTo(((2000 / averageEquity) * 252) / 10, 12);
    expect(metrics.fees).toBe(3);
    expect(metrics.slippage).toBe(1.5);
  });

  it('converts the annual risk-free rate per bar for both Sharpe ratios', () => {
    const metrics = computeBacktestMetrics({
      equity: tenBarCurve(),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
      riskFreeRate: Math.pow(1.001, 252) - 1, // 0.001 a bar
    });
    expect(metrics.sharpeRatio).toBeCloseTo(4.302822993603817, 10);
    expect(metrics.geometricSharpeRatio).toBeCloseTo(9.314802128153387, 8);
    expect(metrics.sortinoRatio).toBeCloseTo(Math.sqrt(88.2), 11); // the MAR stays 0
  });

  it('measures the Sortino ratio against the annual minimum acceptable return', () => {
    const metrics = computeBacktestMetrics({
      equity: tenBarCurve(),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
      minimumAcceptableReturn: Math.pow(1.01, 252) - 1, // 0.01 a bar
    });
    expect(metrics.sortinoRatio).toBeCloseTo((-0.003 / Math.sqrt(0.0003)) * Math.sqrt(252), 9);
  });

  it('regresses on the benchmark when one is given', () => {
    const benchmark = Float64Array.from(TEN_BAR_RETURNS, (r) => (r - 0.001) / 2); // r = 0.001 + 2b
    const metrics = computeBacktestMetrics({
      equity: tenBarCurve(),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
      benchmarkReturns: benchmark,
    });
    expect(metrics.beta).toBeCloseTo(2, 10);
    expect(metrics.alpha).toBeCloseTo(0.001, 12);
    expect(metrics.annualizedAlpha).toBeCloseTo(Math.pow(1.001, 252) - 1, 9);
  });

  it('falls back to the trade records for notional, fees and slippage, and dates the start at the first bar', () => {
    const trades = [
      tradeRecord(10, { fees: 1, slippage: 0.5 }), // 10 × 100 in, 10 × 101 out
      tradeRecord(-10, { fees: 2, slippage: 0.25, open: true, direction: 'short', quantity: -5 }), // 5 × 100 in
    ];
    const metrics = computeBacktestMetrics({
      equity: curve(Float64Array.of(90, 100)),
      trades,
      periodsPerYear: 252,
      startingEquity: 100,
    });
    expect(metrics.tradedNotional).toBeCloseTo(1000 + 1010 + 500, 10);
    expect(metrics.fees).toBe(3);
    expect(metrics.slippage).toBe(0.75);
    expect(metrics.maxDrawdownPeakTs).toBe(DAY_MS); // the first bar's ts
    expect(metrics.maxDrawdownRecoveryTs).toBe(2 * DAY_MS);
    expect(metrics.maxDrawdownDurationBars).toBe(2);
    expect(metrics.maxDrawdownDurationMs).toBe(DAY_MS);
  });

  it('reports NaN ratios, not infinities, for a flat curve', () => {
    const metrics = computeBacktestMetrics({
      equity: curve(new Float64Array(20).fill(100)),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
      riskFreeRate: 0.05,
    });
    expect(metrics.totalReturn).toBe(0);
    expect(metrics.annualizedReturn).toBe(0);
    expect(metrics.annualizedVolatility).toBe(0);
    expect(metrics.sharpeRatio).toBeNaN();
    expect(metrics.geometricSharpeRatio).toBeNaN();
    expect(metrics.sortinoRatio).toBeNaN();
    expect(metrics.calmarRatio).toBeNaN();
    expect(metrics.maxDrawdown).toBe(0);
    expect(metrics.maxDrawdownDurationBars).toBe(0);
    expect(metrics.timeInMarket).toBe(0);
    expect(metrics.annualizedTurnover).toBe(0);
    expect(metrics.profitFactor).toBeNaN();
  });

  it('handles an empty curve without throwing', () => {
    const metrics = computeBacktestMetrics({
      equity: curve(new Float64Array(0)),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
    });
    expect(metrics.bars).toBe(0);
    expect(metrics.finalEquity).toBe(100);
    expect(metrics.totalReturn).toBe(0);
    expect(metrics.annualizedReturn).toBeNaN();
    expect(metrics.annualizedVolatility).toBeNaN();
    expect(metrics.maxDrawdown).toBe(0);
    expect(metrics.timeInMarket).toBeNaN();
    expect(metrics.annualizedTurnover).toBeNaN();
  });

  it('refuses columns of different lengths and a bad scale', () => {
    const broken: EquityCurve = { ...curve(Float64Array.of(1, 2)), cash: new Float64Array(1) };
    expect(() =>
      computeBacktestMetrics({ equity: broken, trades: [], periodsPerYear: 252, startingEquity: 1 }),
    ).toThrow(
      'equity curve columns must have one length; got ts "2", equity "2", cash "1", gross exposure "2"',
    );
    expect(() =>
      computeBacktestMetrics({
        equity: curve(Float64Array.of(1)),
        trades: [],
        periodsPerYear: -1,
        startingEquity: 1,
      }),
    ).toThrow('periods per year "-1" must be a finite number > 0');
  });

  it('returns every named metric and nothing else', () => {
    const metrics = computeBacktestMetrics({
      equity: tenBarCurve(),
      trades: [],
      periodsPerYear: 252,
      startingEquity: 100,
    });
    expect(Object.keys(metrics).sort()).toEqual([...BACKTEST_METRIC_NAMES].sort());
    for (const name of BACKTEST_METRIC_NAMES) expect(typeof metrics[name]).toBe('number');
  });
});

/** Metrics in money units; every other metric is a ratio, a count or a time and must not move with scale. */
const MONEY_METRICS = new Set<BacktestMetricName>([
  'startingEquity',
  'finalEquity',
  'netProfit',
  'maxDrawdownAmount',
  'grossProfit',
  'grossLoss',
  'expectancy',
  'averageWin',
  'averageLoss',
  'largestWin',
  'largestLoss',
  'tradedNotional',
  'fees',
  'slippage',
]);

describe('computeBacktestMetrics under a change of currency unit', () => {
  const scaled = (values: Float64Array, factor: number): Float64Array => values.map((v) => v * factor);
  const scaleTrade = (trade: TradeRecord, factor: number): TradeRecord => ({
    ...trade,
    entryPrice: trade.entryPrice * factor,
    exitPrice: trade.exitPrice * factor,
    pnl: trade.pnl * factor,
    fees: trade.fees * factor,
    slippage: trade.slippage * factor,
  });

  it('leaves ratios unchanged and scales money by the factor (power-of-two factors are exact)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.2, max: 0.25, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.array(fc.integer({ min: -500, max: 500 }), { maxLength: 8 }),
        fc.integer({ min: -20, max: 20 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }), // no subnormal exposures that underflow when halved
        (returns, pnls, exponent, leverage) => {
          const equity = new Float64Array(returns.length);
          let level = 1000;
          returns.forEach((r, t) => {
            level *= 1 + r;
            equity[t] = level;
          });
          const exposure = equity.map((e, t) => (t % 3 === 0 ? 0 : e * leverage));
          const benchmark = Float64Array.from(returns, (r, t) => r / 2 + (t % 2 === 0 ? 0.001 : -0.001));
          const trades = pnls.map((pnl, i) => tradeRecord(pnl, { fees: 1, slippage: 0.5, open: i === 0 }));
          const base = computeBacktestMetrics({
            equity: curve(equity, exposure),
            trades,
            periodsPerYear: 252,
            startingEquity: 1000,
            riskFreeRate: 0.03,
            benchmarkReturns: benchmark,
          });
          const factor = Math.pow(2, exponent);
          const rescaled = computeBacktestMetrics({
            equity: curve(scaled(equity, factor), scaled(exposure, factor)),
            trades: trades.map((trade) => scaleTrade(trade, factor)),
            periodsPerYear: 252,
            startingEquity: 1000 * factor,
            riskFreeRate: 0.03,
            benchmarkReturns: benchmark,
          });
          for (const name of BACKTEST_METRIC_NAMES) {
            const expected = MONEY_METRICS.has(name) ? base[name] * factor : base[name];
            expect(Object.is(rescaled[name], expected), name).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps return and drawdown ratios within rounding for any positive factor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (levels, factor) => {
          const equity = Float64Array.from(levels);
          const input = { trades: [], periodsPerYear: 252 };
          const base: BacktestMetrics = computeBacktestMetrics({
            ...input,
            equity: curve(equity),
            startingEquity: 100,
          });
          const rescaled = computeBacktestMetrics({
            ...input,
            equity: curve(scaled(equity, factor)),
            startingEquity: 100 * factor,
          });
          for (const name of ['totalReturn', 'maxDrawdown'] as const) {
            expect(Math.abs(rescaled[name] - base[name])).toBeLessThanOrEqual(
              1e-12 * Math.max(1, Math.abs(base[name])),
            );
          }
          expect(rescaled.maxDrawdown).toBeGreaterThanOrEqual(0);
          expect(rescaled.maxDrawdown).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
