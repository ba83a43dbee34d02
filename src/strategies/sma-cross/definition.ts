import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { smaCrossConfigSchema } from './config.js';
import { SmaCrossStrategy } from './strategy.js';

export const smaCrossDefinition = defineStrategy({
  name: 'sma-cross',
  description: 'reference trend follower: long when the fast SMA is above the slow SMA, flat otherwise',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: 1 },
  schema: smaCrossConfigSchema,
  fromUniverse: (universe) => ({ symbol: universe.symbols[0], timeframe: universe.timeframe }),
  build: (config) => new SmaCrossStrategy(config),
});
