import { DriftEwmaForecaster } from '../../forecasting/baselines/drift-ewma-forecaster.js';
import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { enhancedMomentumConfigSchema } from './config.js';
import { asSentimentSource } from '../port-inputs.js';
import { asForecaster } from './inputs.js';
import { EnhancedMomentumStrategy } from './strategy.js';

/**
 * Inputs (StrategyInputs): `forecaster` (a Forecaster; the drift-ewma baseline with `forecastDecay` when absent)
 * and `sentiment` (a SentimentSource; no news filter when absent).
 */
export const enhancedMomentumDefinition = defineStrategy({
  name: 'enhanced-momentum',
  description:
    'momentum plus a learned signal and a news filter: momentum, forecast and sentiment z-scores combined with ' +
    'documented weights; runs without the optional inputs and reports which ones it used',
  style: 'trend',
  riskLevel: 'medium',
  markets: ['equities', 'etfs', 'crypto'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: Infinity },
  schema: enhancedMomentumConfigSchema,
  fromUniverse: (universe) => ({ symbols: universe.symbols, timeframe: universe.timeframe }),
  build: (config, inputs) => {
    const supplied = inputs['forecaster'];
    return new EnhancedMomentumStrategy(config, {
      forecaster:
        supplied === undefined
          ? new DriftEwmaForecaster({ decay: config.forecastDecay })
          : asForecaster(supplied),
      baselineForecaster: supplied === undefined,
      sentiment: inputs['sentiment'] === undefined ? null : asSentimentSource(inputs['sentiment']),
    });
  },
});
