import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { momentumConfigSchema } from './config.js';
import { MomentumStrategy } from './strategy.js';

export const momentumDefinition = defineStrategy({
  name: 'momentum',
  description:
    'trend following: 12-1 time-series momentum with a moving-average trend filter, an ADX gate, volatility-targeted ' +
    'sizing and an ATR trailing stop; optional cross-sectional top-N ranking',
  style: 'trend',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'futures', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: Infinity },
  schema: momentumConfigSchema,
  fromUniverse: (universe) => ({ symbols: universe.symbols, timeframe: universe.timeframe }),
  build: (config) => new MomentumStrategy(config),
});
