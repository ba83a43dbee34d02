import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { meanReversionConfigSchema } from './config.js';
import { MeanReversionStrategy } from './strategy.js';

export const meanReversionDefinition = defineStrategy({
  name: 'mean-reversion',
  description:
    'fades z-score / Bollinger / RSI(2) stretches back to a moving mean; OU half-life time stop, stop-loss, trend filter',
  style: 'mean-reversion',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: 1 },
  schema: meanReversionConfigSchema,
  fromUniverse: (universe) => ({ symbol: universe.symbols[0], timeframe: universe.timeframe }),
  build: (config) => new MeanReversionStrategy(config),
});
