import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { neuralTrendConfigSchema } from './config.js';
import type { ForecastSchedule } from './forecast-schedule.js';
import { NeuralTrendStrategy } from './strategy.js';

/**
 * Inputs (StrategyInputs): `forecasts`, a ForecastSchedule of walk-forward models pre-trained before the run
 * (buildWalkForwardSchedule; the app's prepareNeuralTrendInputs). Without it the rolling drift baseline stands
 * in, and the strategy says so. A malformed schedule, or one whose folds were trained after their validFrom,
 * is refused with an error naming the fold.
 */
export const neuralTrendDefinition = defineStrategy({
  name: 'neural-trend',
  description:
    'trades the sign and confidence of a multi-horizon forecast on the bar timeframe and a higher one, sized ' +
    'by the forecast interval width; walk-forward models retrained every retrainEvery bars on earlier bars ' +
    'only (rolling drift baseline without a model)',
  style: 'trend',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: Infinity },
  schema: neuralTrendConfigSchema,
  fromUniverse: (universe) => ({ symbols: universe.symbols, timeframe: universe.timeframe }),
  build: (config, inputs) => {
    const supplied = inputs['forecasts'];
    return new NeuralTrendStrategy(config, supplied === undefined ? null : (supplied as ForecastSchedule));
  },
});
