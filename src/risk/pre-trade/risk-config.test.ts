import { describe, expect, it } from 'vitest';
import { parseRiskConfig } from './risk-config.js';

describe('parseRiskConfig', () => {
  it('turns every rule off by default and fills the history defaults', () => {
    expect(parseRiskConfig({})).toEqual({
      history: { lookback: 250, minObservations: 60 },
      lotTick: false,
      autoReduce: false,
    });
  });

  it('fills rule defaults', () => {
    const config = parseRiskConfig({
      dailyLoss: { maxLossFraction: 0.02 },
      drawdown: { maxDrawdown: 0.1 },
      portfolioVar: { maxVarFraction: 0.02 },
      correlation: { maxCorrelation: 0.8 },
    });
    expect(config.dailyLoss).toEqual({ maxLossFraction: 0.02, onBreach: 'reducing' });
    expect(config.drawdown).toEqual({ maxDrawdown: 0.1, onBreach: 'halted' });
    expect(config.portfolioVar).toEqual({
      maxVarFraction: 0.02,
      confidence: 0.95,
      insufficientHistory: 'allow',
    });
    expect(config.correlation).toEqual({ maxCorrelation: 0.8, insufficientHistory: 'allow' });
  });

  it('names the path and quotes the value of each problem', () => {
    expect(() => parseRiskConfig({ maxOrderNotional: { maxNotional: -5 } })).toThrow(
      /^risk config maxOrderNotional\.maxNotional "-5": /,
    );
    expect(() => parseRiskConfig({ dailyLoss: { maxLossFraction: 1.5 } })).toThrow(
      /risk config dailyLoss\.maxLossFraction "1\.5"/,
    );
    expect(() => parseRiskConfig({ portfolioVar: { maxVarFraction: 0.1, confidence: 0.3 } })).toThrow(
      /portfolioVar\.confidence "0\.3"/,
    );
  });

  it('refuses a section that sets no limit', () => {
    expect(() => parseRiskConfig({ maxPosition: {} })).toThrow(
      'risk config maxPosition {}: must set maxQuantity, maxNotional or maxEquityFraction',
    );
    expect(() => parseRiskConfig({ leverage: {} })).toThrow(/must set maxGross or maxNet/);
    expect(() => parseRiskConfig({ dailyLoss: { onBreach: 'halted' } })).toThrow(
      /must set maxLossFraction or maxLossAmount/,
    );
    expect(() => parseRiskConfig({ maxOrderNotional: {} })).toThrow(
      /must set maxNotional or maxEquityFraction/,
    );
  });

  it('refuses unknown keys (a typo must not silently turn a limit off)', () => {
    expect(() => parseRiskConfig({ maxPositon: { maxQuantity: 1 } })).toThrow(/risk config/);
    expect(() => parseRiskConfig({ leverage: { maxGros: 2 } })).toThrow(/risk config leverage/);
  });

  it('refuses a minimum history longer than the lookback', () => {
    expect(() => parseRiskConfig({ history: { lookback: 20, minObservations: 30 } })).toThrow(
      /minObservations must be <= lookback/,
    );
  });
});
