import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import {
  normalizeStrategyName,
  parseTradingConfig,
  STRATEGY_ALIASES,
  STRATEGY_NAMES,
  TRADING_DEFAULTS,
  tradingConfigSchema,
} from './trading-config-schema.js';

function problems(input: unknown): string[] {
  const result = parseTradingConfig(input);
  if (result.ok) return [];
  expect(result.error).toBeInstanceOf(ConfigError);
  expect(result.error.code).toBe('CONFIG_INVALID');
  return [...result.error.problems];
}

describe('tradingConfigSchema', () => {
  it('fills every default for an empty section', () => {
    expect(tradingConfigSchema.parse({})).toEqual({
      strategies: ['momentum'],
      symbols: ['SPY'],
      riskLevel: 'medium',
      maxPositionSize: 10_000,
      stopLossPercentage: 2,
      takeProfitPercentage: 5,
      timeFrame: '1d',
      useGpu: false,
      enableNewsTrading: false,
      enableSentimentAnalysis: false,
    });
    expect(tradingConfigSchema.parse({})).toEqual(TRADING_DEFAULTS);
  });

  it("reads the original system's runtime config, aliases included, into camelCase", () => {
    const original = {
      strategies: ['momentum_trader', 'neural_sentiment'],
      symbols: ['SPY', 'QQQ', 'AAPL'],
      risk_level: 'medium',
      max_position_size: 10000,
      stop_loss_percentage: 2.0,
      take_profit_percentage: 5.0,
      time_frame: '5m',
      use_gpu: true,
      enable_news_trading: true,
      enable_sentiment_analysis: true,
    };
    expect(tradingConfigSchema.parse(original)).toEqual({
      strategies: ['momentum', 'neural_sentiment'],
      symbols: ['SPY', 'QQQ', 'AAPL'],
      riskLevel: 'medium',
      maxPositionSize: 10_000,
      stopLossPercentage: 2,
      takeProfitPercentage: 5,
      timeFrame: '5m',
      useGpu: true,
      enableNewsTrading: true,
      enableSentimentAnalysis: true,
    });
  });

  it('upper-cases symbols', () => {
    expect(tradingConfigSchema.parse({ symbols: ['spy', 'brk.b', 'btc/usd'] }).symbols).toEqual([
      'SPY',
      'BRK.B',
      'BTC/USD',
    ]);
  });
});

describe('parseTradingConfig', () => {
  it('returns a frozen config', () => {
    const result = parseTradingConfig({ symbols: ['AAPL'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(Object.isFrozen(result.value.symbols)).toBe(true);
  });

  it('names an unknown strategy with its index and the allowed names', () => {
    expect(problems({ strategies: ['momentum', 'momentun'] })).toEqual([
      'trading.strategies[1] "momentun" must be one of mirror, momentum, enhanced_momentum, neural_sentiment, ' +
        'neural_arbitrage, neural_trend, mean_reversion, pairs (or an original alias such as momentum_trader)',
    ]);
  });

  it('refuses a strategy listed twice, even under an alias', () => {
    expect(problems({ strategies: ['momentum', 'momentum_trader'] })).toEqual([
      'trading.strategies[1] "momentum_trader" repeats momentum (already at index 0); entries must be unique',
    ]);
  });

  it('reports every bad entry of a list', () => {
    expect(problems({ strategies: ['x', 'mirror', 'y', 'mirror'] })).toHaveLength(3);
  });

  it('refuses empty lists and non-lists', () => {
    expect(problems({ symbols: [] })).toEqual(['trading.symbols [] must list at least one symbol']);
    expect(problems({ strategies: 'momentum' })).toEqual([
      'trading.strategies "momentum" must be a list of strategies',
    ]);
  });

  it('refuses malformed and repeated symbols', () => {
    expect(problems({ symbols: ['AAPL', 'b@d', ''] })).toEqual([
      `trading.symbols[1] "b@d" must be 1-32 characters of A-Z, 0-9, '.', '_', '/', '-' starting with a letter or digit`,
      `trading.symbols[2] "" must be 1-32 characters of A-Z, 0-9, '.', '_', '/', '-' starting with a letter or digit`,
    ]);
    expect(problems({ symbols: ['spy', 'SPY'] })).toEqual([
      'trading.symbols[1] "SPY" repeats SPY (already at index 0); entries must be unique',
    ]);
    expect(problems({ symbols: [42] })[0]).toMatch(/^trading\.symbols\[0\] "42" must be 1-32 characters/);
  });

  it('refuses a risk level outside low, medium, high, aggressive', () => {
    expect(problems({ risk_level: 'extreme' })).toEqual([
      'trading.risk_level "extreme" must be one of low, medium, high, aggressive',
    ]);
  });

  it('refuses non-positive or non-numeric sizes', () => {
    for (const value of [0, -5, '10000', null, Number.POSITIVE_INFINITY]) {
      expect(problems({ max_position_size: value })).toHaveLength(1);
    }
    expect(problems({ max_position_size: -5 })).toEqual([
      'trading.max_position_size "-5" must be a number > 0',
    ]);
    expect(problems({ take_profit_percentage: 0 })).toEqual([
      'trading.take_profit_percentage "0" must be a number > 0',
    ]);
  });

  it('keeps the stop loss strictly between 0 and 100 percent', () => {
    expect(problems({ stop_loss_percentage: 0 })).toHaveLength(1);
    expect(problems({ stop_loss_percentage: 100 })).toEqual([
      'trading.stop_loss_percentage "100" must be a number between 0 and 100 (exclusive)',
    ]);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (value) => {
        const accepted = parseTradingConfig({ stop_loss_percentage: value }).ok;
        expect(accepted).toBe(value > 0 && value < 100 && Number.isFinite(value));
      }),
      { numRuns: 300 },
    );
  });

  it("allows only the original's time frames", () => {
    expect(parseTradingConfig({ time_frame: '4h' }).ok).toBe(true);
    expect(problems({ time_frame: '30m' })).toEqual([
      'trading.time_frame "30m" must be one of 1m, 5m, 15m, 1h, 4h, 1d',
    ]);
  });

  it('refuses booleans written as text', () => {
    expect(problems({ use_gpu: 'true', enable_news_trading: 1 })).toEqual([
      'trading.use_gpu "true" must be true or false',
      'trading.enable_news_trading "1" must be true or false',
    ]);
  });

  it('names an unknown key and suggests the one probably meant', () => {
    expect(problems({ risk_levl: 'low' })).toEqual([
      'trading.risk_levl is not a known key (did you mean risk_level?); allowed keys: strategies, symbols, ' +
        'risk_level, max_position_size, stop_loss_percentage, take_profit_percentage, time_frame, use_gpu, ' +
        'enable_news_trading, enable_sentiment_analysis',
    ]);
  });

  it('refuses a section that is not a mapping', () => {
    expect(problems(['momentum'])).toEqual(['trading ["momentum"] must be a mapping of trading settings']);
  });

  it('uses the given path prefix, or none', () => {
    const result = parseTradingConfig({ risk_level: 'x' }, '');
    expect(result.ok ? '' : result.error.message).toBe(
      'risk_level "x" must be one of low, medium, high, aggressive',
    );
  });
});

describe('normalizeStrategyName', () => {
  it('maps every alias to its strategy', () => {
    for (const [alias, name] of Object.entries(STRATEGY_ALIASES))
      expect(normalizeStrategyName(alias)).toBe(name);
  });

  it('ignores case, surrounding space and hyphen-versus-underscore', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRATEGY_NAMES), fc.boolean(), fc.boolean(), (name, upper, hyphen) => {
        let text = upper ? name.toUpperCase() : name;
        if (hyphen) text = text.replaceAll('_', '-');
        expect(normalizeStrategyName(` ${text} `)).toBe(name);
      }),
    );
  });

  it('returns null for a name it does not know', () => {
    expect(normalizeStrategyName('scalping')).toBeNull();
    expect(normalizeStrategyName('')).toBeNull();
  });
});
