import { describe, expect, it } from 'vitest';
import { pairsConfigSchema } from './config.js';
import { pairsDefinition } from './definition.js';
import { RecordingContext } from './recording-context.fixture.js';

const universe = { symbols: ['KO', 'PEP', 'XOM'], timeframe: '1d' as const };

describe('pairs configuration', () => {
  it('takes the symbols from the universe, or a comma-separated list in upper case', () => {
    const context = new RecordingContext();
    context.attach(pairsDefinition.create({}, universe));
    expect(context.subscriptions).toEqual(['KO:1d', 'PEP:1d', 'XOM:1d']);
    expect(pairsConfigSchema.parse({ symbols: 'ko, pep' }).symbols).toEqual(['KO', 'PEP']);
    expect(pairsConfigSchema.parse({ symbols: 'KO;PEP XOM' }).symbols).toEqual(['KO', 'PEP', 'XOM']);
    expect(pairsConfigSchema.parse({ symbols: ['xom', 'CVX'] }).symbols).toEqual(['XOM', 'CVX']);
  });

  it('has documented defaults', () => {
    const config = pairsConfigSchema.parse({ symbols: 'A,B' });
    expect(config).toMatchObject({
      formationWindow: 252,
      retestEvery: 63,
      maxPValue: 0.01,
      hedgeMethod: 'kalman',
      entryZ: 2,
      exitZ: 0,
      stopZ: 4,
      pairNotionalPercent: 20,
      legSizing: 'dollar-neutral',
      adfLags: 1,
    });
    const properties = pairsDefinition.parametersJsonSchema().properties as Record<
      string,
      { default?: unknown }
    >;
    expect(properties.formationWindow?.default).toBe(252);
    expect(properties.adfLags?.default).toBe(1);
  });

  it('refuses fewer than two or repeated symbols, naming the parameter', () => {
    expect(() => pairsDefinition.create({ symbols: 'KO' }, universe)).toThrow(
      /symbols "KO": pairs needs at least 2/,
    );
    expect(() => pairsDefinition.create({ symbols: 'KO,ko' }, universe)).toThrow(/must not repeat/);
    expect(() => pairsDefinition.create({}, { symbols: ['KO'], timeframe: '1d' })).toThrow(
      /at least 2 symbol/,
    );
  });

  it('refuses thresholds out of order and windows that do not fit', () => {
    const base = { symbols: 'A,B' };
    expect(() => pairsConfigSchema.parse({ ...base, entryZ: 5, stopZ: 4 })).toThrow(/exitZ < entryZ < stopZ/);
    expect(() => pairsConfigSchema.parse({ ...base, exitZ: 2 })).toThrow(/exitZ < entryZ < stopZ/);
    expect(() => pairsConfigSchema.parse({ ...base, maxPValue: 0.1, breakPValue: 0.05 })).toThrow(
      /breakPValue/,
    );
    expect(() => pairsConfigSchema.parse({ ...base, minHalfLife: 70 })).toThrow(/minHalfLife/);
    expect(() =>
      pairsConfigSchema.parse({ ...base, hedgeMethod: 'rolling-ols', hedgeWindow: 250, zWindow: 20 }),
    ).toThrow(/fit in formationWindow/);
    expect(() => pairsConfigSchema.parse({ ...base, formationWindow: 30, adfLags: 20 })).toThrow(/adfLags/);
    expect(pairsConfigSchema.parse({ ...base, formationWindow: 30, adfLags: 'aic' }).adfLags).toBe('aic');
    expect(() => pairsConfigSchema.parse({ ...base, hedgeMethod: 'ridge' })).toThrow();
  });
});
