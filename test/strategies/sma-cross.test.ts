import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../src/data/bar-series.js';
import { generateDefaultMarket } from '../../src/data/synthetic/index.js';
import { strategyDefinition } from '../../src/strategies/registry.js';
import { Strategy, type BarView } from '../../src/strategies/strategy.js';
import type { StrategyContext } from '../../src/strategies/strategy-context.js';
import { expectDeterministic, expectNoLookAhead } from '../helpers/strategy-checks.js';

describe('sma-cross on the synthetic universe', () => {
  const market = generateDefaultMarket({ days: 400 });
  const spy = market.series.get('SPY');
  if (spy === undefined) throw new Error('the default universe has SPY');
  const make = () =>
    strategyDefinition('sma-cross').create(
      { fast: 5, slow: 20, quantity: 10 },
      { symbols: ['SPY'], timeframe: '1d' },
    );

  it('gives the same fills on every run', () => {
    expectDeterministic(make, [spy]);
  });

  it('makes the same decisions when the future is cut off', () => {
    expectNoLookAhead(make, [spy], [spy.ts[100] as number, spy.ts[250] as number]);
  });
});

describe('the no-look-ahead check', () => {
  it('catches a strategy that reads the next bar', () => {
    const market = generateDefaultMarket({ days: 120 });
    const spy = market.series.get('SPY');
    if (spy === undefined) throw new Error('the default universe has SPY');
    class Peeker extends Strategy {
      readonly name = 'peeker';
      constructor(private readonly data: BarSeries) {
        super();
      }
      override onStart(context: StrategyContext): void {
        context.subscribeBars('SPY', '1d');
      }
      override onBar(bar: BarView): void {
        const i = this.data.lowerBound(bar.tsEvent);
        const next = this.data.close[i + 1];
        const held = this.ctx.position('SPY')?.quantity ?? 0;
        // Unknowable at decision time: without the next bar it never buys.
        if (next !== undefined && next > bar.close && held === 0) {
          this.ctx.submitOrder({ symbol: 'SPY', side: 'buy', type: 'market', quantity: 1 });
        } else if (held > 0) {
          this.ctx.submitOrder({ symbol: 'SPY', side: 'sell', type: 'market', quantity: held });
        }
      }
    }
    const cuts = Array.from({ length: 10 }, (_, k) => spy.ts[20 + k * 9] as number);
    expect(() => expectNoLookAhead((data) => new Peeker(data[0] as BarSeries), [spy], cuts)).toThrow(
      /decisions before/,
    );
  });
});
