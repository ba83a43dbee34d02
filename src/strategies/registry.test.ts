import { describe, expect, it } from 'vitest';
import { STRATEGIES, parseStrategyParams, strategyDefinition } from './registry.js';

const universe = { symbols: ['SPY'], timeframe: '1d' as const };

describe('strategy registry', () => {
  it('creates sma-cross with the symbol and timeframe taken from the universe', () => {
    const strategy = strategyDefinition('sma-cross').create({ fast: 5, slow: 20 }, universe);
    expect(strategy.name).toBe('sma-cross');
  });

  it('names the invalid parameter and its value', () => {
    expect(() => strategyDefinition('sma-cross').create({ fast: 30, slow: 20 }, universe)).toThrow(
      /sma-cross parameter fast "30": fast must be shorter than slow/,
    );
    expect(() => strategyDefinition('sma-cross').create({ speed: 3 }, universe)).toThrow(/speed/);
  });

  it('refuses a universe with too few symbols', () => {
    expect(() => strategyDefinition('sma-cross').create({}, { symbols: [], timeframe: '1d' })).toThrow(
      /sma-cross trades 1 symbol\(s\); the data has 0/,
    );
  });

  it('refuses an unknown strategy and lists the known ones', () => {
    expect(() => strategyDefinition('nope')).toThrow(/unknown strategy "nope"; available: sma-cross/);
  });

  it('describes every strategy with a JSON Schema of its parameters and their defaults', () => {
    for (const definition of STRATEGIES.values()) {
      const schema = definition.parametersJsonSchema();
      expect(schema.type).toBe('object');
      expect(Object.keys(schema.properties as object).length).toBeGreaterThan(0);
      expect(definition.timeframes.length).toBeGreaterThan(0);
    }
    const smaCross = strategyDefinition('sma-cross').parametersJsonSchema();
    expect((smaCross.properties as Record<string, { default?: unknown }>).fast?.default).toBe(10);
  });

  it('parses k=v lists into numbers, booleans and strings', () => {
    expect(parseStrategyParams('fast=10, slow=30,fractional=true,mode=x')).toEqual({
      fast: 10,
      slow: 30,
      fractional: true,
      mode: 'x',
    });
    expect(() => parseStrategyParams('=3')).toThrow(/name=value/);
  });
});
