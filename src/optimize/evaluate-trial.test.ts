import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../core/errors.js';
import { equityReturns, type BacktestMetrics } from '../backtest/metrics/index.js';
import { runSimulation, simulateOnUniverse } from '../backtest/simulation-config.js';
import type { BarSeries } from '../data/bar-series.js';
import { generateDefaultMarket } from '../data/synthetic/index.js';
import { evaluateTrial, parseTrialSettings } from './evaluate-trial.js';
import type { TrialContext, TrialSpec } from './optimize.types.js';

const market = generateDefaultMarket({ days: 600, seed: 11 });
const all = [...market.series.values()];
const one = all[0] as BarSeries;
const three = all.slice(0, 3);
const settings = { cash: 100_000, percentEquity: 95, commissionBps: 1, slippageBps: 2 };
const context: TrialContext = { strategy: 'sma-cross', baseParams: { fast: 10 }, settings };
const from = one.ts[200] as number;
const to = one.ts[500] as number;

function spec(params: TrialSpec['params'], extra: Partial<TrialSpec> = {}): TrialSpec {
  return { id: 't1', index: 3, params, ...extra };
}

/** metricsToJson's numbers with NaN as null: what TrialResult.metrics holds. */
function expectedMetrics(metrics: BacktestMetrics): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
}

describe('evaluateTrial', () => {
  it('equals a direct simulation of the window with base and trial parameters merged', () => {
    const result = evaluateTrial(spec({ slow: 40 }, { window: { from, to } }), context, [one]);
    // Reference: the app's simulation run directly on the same window's bars (bars 200..499).
    const direct = runSimulation('sma-cross', [one.between(from, to)], {
      ...settings,
      params: { fast: 10, slow: 40 },
    });
    expect(result.error).toBeNull();
    expect(result.id).toBe('t1');
    expect(result.index).toBe(3);
    expect(result.params).toEqual({ slow: 40 });
    expect(result.metrics).toEqual(expectedMetrics(direct.metrics));
    expect(result.metrics.bars).toBe(300);
    expect([...result.returns]).toEqual([...equityReturns(direct.result.equity.equity, 100_000)]);
    expect([...result.returnTs]).toEqual([...direct.result.equity.ts]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs a single-symbol strategy over several symbols as equal sub-accounts', () => {
    const result = evaluateTrial(spec({ slow: 30 }), context, three);
    const direct = three.map((s) =>
      runSimulation('sma-cross', [s], { ...settings, cash: 100_000 / 3, params: { fast: 10, slow: 30 } }),
    );
    // Reference: the book's final equity is the sum of the three sub-accounts' final equities.
    const finalSum = direct.reduce((sum, d) => sum + d.result.finalEquity, 0);
    expect(result.metrics.finalEquity).toBeCloseTo(finalSum, 6);
    expect(result.metrics.closedTrades).toBe(
      direct.reduce((sum, d) => sum + d.result.trades.filter((t) => !t.open).length, 0),
    );
    expect(simulateOnUniverse('sma-cross', three, settings).mode).toBe('per-symbol');
  });

  it('gives warm-up bars to the strategy but measures only from the window start', () => {
    const warm = evaluateTrial(spec({ slow: 40 }, { window: { from, to }, warmupBars: 50 }), context, [one]);
    const cold = evaluateTrial(spec({ slow: 40 }, { window: { from, to } }), context, [one]);
    // Reference: one plain run over bars 150..499, its returns measured from bar 200 (row 50) on with a
    // loop, the base being the equity at the close of bar 199 (row 49).
    const full = runSimulation('sma-cross', [one.slice(150, 500)], {
      ...settings,
      params: { fast: 10, slow: 40 },
    }).result;
    const equity = full.equity.equity;
    const expected: number[] = [];
    for (let row = 50; row < equity.length; row++) {
      expected.push((equity[row] as number) / (equity[row - 1] as number) - 1);
    }
    expect(warm.error).toBeNull();
    expect([...warm.returns]).toEqual(expected);
    expect([...warm.returnTs]).toEqual([...full.equity.ts.subarray(50)]);
    expect(warm.metrics.bars).toBe(300);
    expect(warm.metrics.startingEquity).toBe(equity[49]);
    expect(warm.metrics.finalEquity).toBe(equity[equity.length - 1]);
    expect(warm.metrics.startingEquity).not.toBe(100_000);
    // Cold, the slow SMA needs 40 bars of the window before the first signal: fewer bars in the market.
    expect(warm.metrics.timeInMarket as number).toBeGreaterThan(cold.metrics.timeInMarket as number);
    // Fees of fills on bars before the window are not charged to it.
    const windowFees = full.fillReports
      .filter((r) => r.barTsEvent >= from)
      .reduce((sum, r) => sum + r.commission, 0);
    expect(warm.metrics.fees).toBeCloseTo(windowFees, 9);
  });

  it('reports a parameter combination the strategy refuses as an error instead of throwing', () => {
    const result = evaluateTrial(spec({ fast: 50, slow: 20 }), context, [one]);
    expect(result.error).toMatch(/fast must be shorter than slow/);
    expect(result.metrics).toEqual({});
    expect(result.returns.length).toBe(0);
    expect(result.returnTs.length).toBe(0);
  });

  it('reports a window without bars as an error', () => {
    const result = evaluateTrial(spec({ slow: 30 }, { window: { from: 0, to: 1 } }), context, [one]);
    expect(result.error).toMatch(/holds no bars/);
  });

  it('turns undefined metrics (NaN) into null', () => {
    // 60 bars and slow = 59: the slow SMA is ready on the last bar only, so there is no trade and no win rate.
    const result = evaluateTrial(spec({ fast: 5, slow: 59 }), context, [one.slice(0, 60)]);
    expect(result.metrics.closedTrades).toBe(0);
    expect(result.metrics.winRate).toBeNull();
  });

  it('rethrows a failure that is not a refused input', () => {
    const broken: TrialContext = {
      ...context,
      baseParams: Object.defineProperty({}, 'fast', {
        enumerable: true,
        get: () => {
          throw new RangeError('boom');
        },
      }),
    };
    expect(() => evaluateTrial(spec({}), broken, [one])).toThrow(RangeError);
  });

  it('refuses invalid settings and warm-up counts', () => {
    expect(() => evaluateTrial(spec({}), { ...context, settings: { cash: -1 } }, [one])).toThrow(
      InvalidInputError,
    );
    expect(() => parseTrialSettings({ nonsense: 1 })).toThrow(InvalidInputError);
    expect(parseTrialSettings({ risk: 'low', fill: 'close' })).toEqual({ risk: 'low', fill: 'close' });
    expect(() => evaluateTrial(spec({}, { warmupBars: -1 }), context, [one])).toThrow(/warmupBars/);
  });
});
