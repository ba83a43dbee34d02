import { InvalidInputError } from '../../core/errors.js';
import { parseDisclosedTrades } from '../../model/disclosed-trade-schema.js';
import { TIMEFRAMES } from '../../model/timeframe.js';
import { defineStrategy } from '../strategy-definition.js';
import { mirrorConfigSchema } from './config.js';
import { MirrorStrategy } from './strategy.js';

export const mirrorDefinition = defineStrategy({
  name: 'mirror',
  description:
    'follows disclosed insider (SEC Form 4) and institutional (13F) trades from their publication time, ' +
    'sized by conviction, for a holding period or until the filer reverses',
  style: 'event',
  riskLevel: 'high',
  markets: ['equities'],
  timeframes: TIMEFRAMES,
  symbols: { min: 1, max: Infinity },
  schema: mirrorConfigSchema,
  fromUniverse: (universe) => ({ symbols: universe.symbols, timeframe: universe.timeframe }),
  build: (config, inputs) => {
    if (inputs.disclosures === undefined) {
      throw new InvalidInputError(
        'mirror needs disclosed trades (inputs.disclosures) and got none: it never invents trades. Load a ' +
          'disclosures file, fetch filings from EDGAR, or generate the synthetic disclosure stream',
      );
    }
    return new MirrorStrategy(config, parseDisclosedTrades(inputs.disclosures, 'inputs.disclosures'));
  },
});
