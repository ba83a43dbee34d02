import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enhancedMomentumConfigSchema } from './config.js';

describe('enhanced-momentum config', () => {
  it('adds the documented weights, forecast and news defaults to the momentum ones', () => {
    expect(enhancedMomentumConfigSchema.parse({ symbols: 'SPY' })).toMatchObject({
      lookback: 252,
      skip: 21,
      momentumWeight: 0.5,
      forecastWeight: 0.3,
      sentimentWeight: 0.2,
      forecastHorizon: 21,
      forecastWindow: 252,
      forecastEvery: 1,
      forecastDecay: 0.94,
      sentimentVeto: 0.3,
      minArticles: 1,
    });
  });

  it('refuses all-zero weights and keeps the momentum rules', () => {
    const zero = enhancedMomentumConfigSchema.safeParse({
      symbols: ['SPY'],
      momentumWeight: 0,
      forecastWeight: 0,
      sentimentWeight: 0,
    });
    expect(zero.error?.issues[0]).toMatchObject({
      path: ['momentumWeight'],
      message: 'at least one of the three weights must be > 0',
    });
    expect(
      enhancedMomentumConfigSchema.safeParse({ symbols: ['SPY'], skip: 300 }).error?.issues[0]?.message,
    ).toBe('skip must be shorter than lookback');
    expect(enhancedMomentumConfigSchema.safeParse({ symbols: ['SPY'], forecastDecay: 1 }).success).toBe(
      false,
    );
  });

  it('describes every parameter in its JSON Schema', () => {
    const schema = z.toJSONSchema(enhancedMomentumConfigSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string }>;
    };
    expect(Object.keys(schema.properties)).toContain('sentimentVeto');
    for (const [name, property] of Object.entries(schema.properties))
      expect(property.description, name).toBeTruthy();
  });
});
