import { InvalidInputError } from '../../core/errors.js';
import { TIMEFRAMES } from '../../model/timeframe.js';
import { asSentimentSource } from '../port-inputs.js';
import { defineStrategy } from '../strategy-definition.js';
import { neuralSentimentConfigSchema } from './config.js';
import { NeuralSentimentStrategy } from './strategy.js';

export const neuralSentimentDefinition = defineStrategy({
  name: 'neural-sentiment',
  description:
    'trades news sentiment shocks and trends per symbol, confirmed by the price and sized by the ' +
    "sentiment's confidence; uses only articles published before each decision",
  style: 'event',
  riskLevel: 'high',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: Infinity },
  schema: neuralSentimentConfigSchema,
  fromUniverse: (universe) => ({ symbols: universe.symbols, timeframe: universe.timeframe }),
  build: (config, inputs) => {
    if (inputs['sentiment'] === undefined) {
      throw new InvalidInputError(
        'neural-sentiment needs news sentiment (inputs.sentiment) and got none: it never invents news. ' +
          'Fetch and store articles (neural-trader news fetch) and backtest with --news store, or use the synthetic ' +
          'news stream (--synthetic-news EDGE)',
      );
    }
    return new NeuralSentimentStrategy(config, asSentimentSource(inputs['sentiment']));
  },
});
