import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { pairsConfigSchema } from './config.js';
import { PairsStrategy } from './strategy.js';

export const pairsDefinition = defineStrategy({
  name: 'pairs',
  description:
    'market-neutral statistical arbitrage: Engle-Granger selected pairs, rolling OLS or Kalman hedge ratio, spread z-score trades',
  style: 'pairs',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 2, max: Infinity },
  schema: pairsConfigSchema,
  fromUniverse: (universe) => ({ symbols: [...universe.symbols], timeframe: universe.timeframe }),
  build: (config) => new PairsStrategy(config),
});
