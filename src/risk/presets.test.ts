import { describe, expect, it } from 'vitest';
import { RISK_LEVELS } from '../model/risk-level.js';
import { fromPreset, RISK_PRESETS } from './presets.js';
import { RiskEngine } from './risk-engine.js';

describe('risk presets', () => {
  it('map each level to the limits of the documented table', () => {
    const low = fromPreset('low');
    expect(low.maxPosition).toEqual({ maxEquityFraction: 0.1 });
    expect(low.leverage).toEqual({ maxGross: 1, maxNet: 1 });
    expect(low.dailyLoss).toEqual({ maxLossFraction: 0.02, onBreach: 'halted' });
    expect(low.shortSale).toEqual({ shortable: [] });
    expect(low.autoReduce).toBe(true);
    const aggressive = fromPreset('aggressive');
    expect(aggressive.leverage).toEqual({ maxGross: 4, maxNet: 3 });
    expect(aggressive.drawdown).toEqual({ maxDrawdown: 0.4, onBreach: 'reducing' });
    expect(aggressive.shortSale).toBeUndefined();
    expect(fromPreset('medium').portfolioVar).toEqual({
      confidence: 0.95,
      maxVarFraction: 0.025,
      insufficientHistory: 'allow',
    });
    expect(fromPreset('high').orderRate).toEqual({ maxOrders: 60, windowMs: 60_000 });
  });

  it('loosen every limit from low to aggressive', () => {
    const configs = RISK_LEVELS.map((level) => fromPreset(level));
    const limits = (pick: (c: (typeof configs)[number]) => number | undefined) => configs.map(pick);
    const nonDecreasing = (values: (number | undefined)[]) =>
      values.every((v, i) => i === 0 || (v as number) >= (values[i - 1] as number));
    expect(nonDecreasing(limits((c) => c.maxPosition?.maxEquityFraction))).toBe(true);
    expect(nonDecreasing(limits((c) => c.maxOrderNotional?.maxEquityFraction))).toBe(true);
    expect(nonDecreasing(limits((c) => c.sectorConcentration?.maxEquityFraction))).toBe(true);
    expect(nonDecreasing(limits((c) => c.leverage?.maxGross))).toBe(true);
    expect(nonDecreasing(limits((c) => c.leverage?.maxNet))).toBe(true);
    expect(nonDecreasing(limits((c) => c.dailyLoss?.maxLossFraction))).toBe(true);
    expect(nonDecreasing(limits((c) => c.drawdown?.maxDrawdown))).toBe(true);
    expect(nonDecreasing(limits((c) => c.portfolioVar?.maxVarFraction))).toBe(true);
    expect(nonDecreasing(limits((c) => c.correlation?.maxCorrelation))).toBe(true);
    expect(nonDecreasing(limits((c) => c.orderRate?.maxOrders))).toBe(true);
    expect(nonDecreasing(limits((c) => c.priceBand?.maxDeviation))).toBe(true);
  });

  it('build an engine with every rule of the level', () => {
    // Every rule but min-notional (no preset sets a minimum: it depends on the broker).
    expect(new RiskEngine(fromPreset('low')).ruleNames).toEqual([
      'lot-tick',
      'price-band',
      'max-order-notional',
      'order-rate',
      'short-sale',
      'max-position',
      'sector-concentration',
      'leverage',
      'daily-loss',
      'max-drawdown',
      'correlation',
      'portfolio-var',
    ]);
    expect(new RiskEngine(RISK_PRESETS.medium).ruleNames).not.toContain('short-sale');
  });

  it('take overrides section by section, and undefined turns a section off', () => {
    const config = fromPreset('low', { shortSale: { shortable: ['AAPL'] }, orderRate: undefined });
    expect(config.shortSale).toEqual({ shortable: ['AAPL'] });
    expect(config.orderRate).toBeUndefined();
    expect(config.maxPosition).toEqual({ maxEquityFraction: 0.1 });
  });

  it('refuse an unknown level', () => {
    expect(() => fromPreset('reckless' as 'low')).toThrow(
      'risk level "reckless" must be one of low, medium, high, aggressive',
    );
  });
});
