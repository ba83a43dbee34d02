import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../core/errors.js';
import { DEFAULT_BAR_SHAPE, DEFAULT_MARKET_FACTOR } from './market-defaults.js';
import type { MarketSpec, PairSpec, SymbolSpec } from './market-spec.types.js';
import { resolveMarketSpec } from './resolve-spec.js';

const stock = (symbol: string, overrides: Partial<SymbolSpec> = {}): SymbolSpec => ({
  symbol,
  sector: 'tech',
  startPrice: 10,
  beta: 1,
  idiosyncraticVolatility: 0.2,
  averageVolume: 1000,
  ...overrides,
});

const spec = (overrides: Partial<MarketSpec> = {}): MarketSpec => ({
  sectors: [{ name: 'tech', volatility: 0.1 }],
  symbols: [stock('AAA'), stock('BBB'), stock('CCC')],
  ...overrides,
});

const pair = (a: string, b: string, overrides: Partial<PairSpec> = {}): PairSpec => ({
  a,
  b,
  beta: 1,
  halfLifeDays: 10,
  spreadVolatility: 0.02,
  ...overrides,
});

describe('resolveMarketSpec', () => {
  it('fills defaults and normalises symbols', () => {
    const resolved = resolveMarketSpec(spec({ symbols: [stock('aaa')], pairs: [] }));
    expect(resolved.market).toEqual(DEFAULT_MARKET_FACTOR);
    expect(resolved.bars).toEqual(DEFAULT_BAR_SHAPE);
    expect(resolved.initialRegime).toBeUndefined();
    expect(resolved.symbols[0]?.symbol).toBe('AAA');
    expect(resolved.instruments[0]).toMatchObject({
      symbol: 'AAA',
      sector: 'tech',
      tickSize: 0.01,
      name: null,
    });
    const withPair = resolveMarketSpec(spec({ pairs: [pair(' aaa', 'bbb ')] }));
    expect(withPair.pairs[0]).toMatchObject({ a: 'AAA', b: 'BBB' });
  });

  it('merges a partial market and bar shape over the defaults', () => {
    const resolved = resolveMarketSpec(
      spec({ market: { garch: { alpha: 0.1, beta: 0.8 }, initialRegime: 'bear' }, bars: { volumeNoise: 0 } }),
    );
    expect(resolved.market.garch).toEqual({ alpha: 0.1, beta: 0.8 });
    expect(resolved.market.regimes).toBe(DEFAULT_MARKET_FACTOR.regimes);
    expect(resolved.initialRegime).toBe(1);
    expect(resolved.bars.volumeNoise).toBe(0);
    expect(resolved.bars.overnightVarianceShare).toBe(DEFAULT_BAR_SHAPE.overnightVarianceShare);
  });

  const refusals: [string, MarketSpec, string | RegExp][] = [
    ['no symbols', spec({ symbols: [] }), 'a market spec needs at least one symbol'],
    ['a duplicate symbol', spec({ symbols: [stock('AAA'), stock('aaa')] }), 'symbol "AAA" is listed twice'],
    [
      'a duplicate sector',
      spec({
        sectors: [
          { name: 'tech', volatility: 0.1 },
          { name: 'tech', volatility: 0.2 },
        ],
      }),
      'sector "tech" is listed twice',
    ],
    [
      'a negative sector vol',
      spec({ sectors: [{ name: 'tech', volatility: -0.1 }] }),
      'sector "tech" volatility "-0.1" must be >= 0',
    ],
    [
      'an unknown sector',
      spec({ symbols: [stock('AAA', { sector: 'oil' })] }),
      'symbol "AAA" has sector "oil", which must be one of tech',
    ],
    [
      'a zero start price',
      spec({ symbols: [stock('AAA', { startPrice: 0 })] }),
      'symbol "AAA" startPrice "0" must be > 0',
    ],
    [
      'a NaN beta',
      spec({ symbols: [stock('AAA', { beta: Number.NaN })] }),
      'symbol "AAA" beta "NaN" must be a finite number',
    ],
    [
      'a negative idio vol',
      spec({ symbols: [stock('AAA', { idiosyncraticVolatility: -1 })] }),
      /idiosyncraticVolatility "-1" must be >= 0/,
    ],
    [
      'a zero average volume',
      spec({ symbols: [stock('AAA', { averageVolume: 0 })] }),
      /averageVolume "0" must be > 0/,
    ],
    [
      'an infinite alpha',
      spec({ symbols: [stock('AAA', { alpha: Infinity })] }),
      /alpha "Infinity" must be a finite number/,
    ],
    ['a bad tick', spec({ symbols: [stock('AAA', { tickSize: 0 })] }), 'tickSize "0" must be > 0'],
    [
      'negative jumps',
      spec({ symbols: [stock('AAA', { jumps: { intensity: -1, mean: 0, stdev: 0 } })] }),
      /jumps intensity "-1" must be >= 0/,
    ],
    [
      'an empty regime list',
      spec({ market: { regimes: [], transitions: [] } }),
      'regimes has 0 entries; it must have 1 to 255',
    ],
    [
      'a negative regime vol',
      spec({ market: { regimes: [{ name: 'x', drift: 0, volatility: -1 }], transitions: [[1]] } }),
      /regime "x" volatility "-1"/,
    ],
    [
      'a missing transition row',
      spec({ market: { transitions: [[1, 0, 0]] } }),
      'transitions has 1 rows; it must have one per regime (3)',
    ],
    [
      'a row not summing to 1',
      spec({
        market: {
          transitions: [
            [0.5, 0.4, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        },
      }),
      'transitions row 0 [0.5,0.4,0] must hold 3 probabilities in [0, 1] that sum to 1',
    ],
    [
      'a negative probability',
      spec({
        market: {
          transitions: [
            [1.5, -0.5, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        },
      }),
      /transitions row 0/,
    ],
    [
      'an explosive GARCH',
      spec({ market: { garch: { alpha: 0.2, beta: 0.8 } } }),
      'garch {"alpha":0.2,"beta":0.8} must have alpha >= 0, beta >= 0 and alpha + beta < 1',
    ],
    [
      'negative market jumps',
      spec({ market: { jumps: { intensity: 1, mean: 0, stdev: -1 } } }),
      'market jumps stdev "-1" must be >= 0',
    ],
    [
      'an unknown shock law',
      spec({ market: { shocks: { distribution: 'cauchy' as never } } }),
      'shock distribution "cauchy" must be "normal" or "student-t"',
    ],
    [
      'infinite-variance t shocks',
      spec({ market: { shocks: { distribution: 'student-t', degreesOfFreedom: 2 } } }),
      'degreesOfFreedom "2" must be an integer >= 3 (finite variance)',
    ],
    [
      'an unknown initial regime',
      spec({ market: { initialRegime: 'crash' } }),
      'initialRegime "crash" must be one of bull, bear, sideways',
    ],
    [
      'an overnight share of 1',
      spec({ bars: { overnightVarianceShare: 1 } }),
      'overnightVarianceShare "1" must be in [0, 1)',
    ],
    [
      'a NaN volume sensitivity',
      spec({ bars: { volumeReturnSensitivity: Number.NaN } }),
      /volumeReturnSensitivity "NaN"/,
    ],
    [
      'a pair leg that is not a symbol',
      spec({ pairs: [pair('AAA', 'ZZZ')] }),
      'pair "AAA/ZZZ": symbol "ZZZ" must be one of the spec\'s symbols',
    ],
    [
      'a pair of one symbol',
      spec({ pairs: [pair('AAA', 'AAA')] }),
      'pair "AAA/AAA" must join two different symbols',
    ],
    [
      'a symbol that is leg a twice',
      spec({ pairs: [pair('AAA', 'BBB'), pair('AAA', 'CCC')] }),
      'pair "AAA/CCC": "AAA" is already leg a of another pair',
    ],
    [
      'a chain of pairs',
      spec({ pairs: [pair('AAA', 'BBB'), pair('BBB', 'CCC')] }),
      'pair "AAA/BBB": leg b "BBB" must not be leg a of a pair',
    ],
    [
      'a zero half-life',
      spec({ pairs: [pair('AAA', 'BBB', { halfLifeDays: 0 })] }),
      'pair "AAA/BBB" halfLifeDays "0" must be > 0',
    ],
    [
      'a NaN pair alpha',
      spec({ pairs: [pair('AAA', 'BBB', { alpha: Number.NaN })] }),
      /pair "AAA\/BBB" alpha "NaN"/,
    ],
  ];
  for (const [what, bad, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => resolveMarketSpec(bad)).toThrow(InvalidInputError);
      expect(() => resolveMarketSpec(bad)).toThrow(message);
    });
  }
});
